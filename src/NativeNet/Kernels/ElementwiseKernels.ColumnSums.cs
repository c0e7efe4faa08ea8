using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Column sums of a row-major <c>rows×cols</c> matrix: <c>destination[j] = Σᵢ x[i, j]</c> (0 when rows = 0).
    /// Vectorised across columns, summed in <typeparamref name="T"/> in row order: error ≲ rows·ε·Σᵢ|x[i, j]|,
    /// fine for batch-sized row counts (up to a few thousand in float).
    /// </summary>
    /// <param name="x">The matrix, length rows·cols.</param>
    /// <param name="rows">Number of rows (the batch size).</param>
    /// <param name="cols">Number of columns.</param>
    /// <param name="destination">The sums, length cols; must not overlap <paramref name="x"/>.</param>
    internal static void ColumnSums<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckColumnReduction(x, rows, cols, destination, nameof(destination));
        ColumnDriver.Run(x, rows, cols, ReadOnlySpan<T>.Empty, destination, accumulate: false, default(SumAccumulator<T>));
    }

    /// <summary>
    /// Adds the column sums into <paramref name="destination"/>: <c>destination[j] += Σᵢ x[i, j]</c>, the bias
    /// gradient <c>db += Σ dy</c> of a layer backward pass (gradients accumulate; one zero-fill per step clears them).
    /// Same accumulation as <see cref="ColumnSums{T}"/>.
    /// </summary>
    /// <param name="x">The matrix, length rows·cols.</param>
    /// <param name="rows">Number of rows (the batch size).</param>
    /// <param name="cols">Number of columns.</param>
    /// <param name="destination">The running sums, length cols; must not overlap <paramref name="x"/>.</param>
    public static void ColumnSumsAdd<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckColumnReduction(x, rows, cols, destination, nameof(destination));
        ColumnDriver.Run(x, rows, cols, ReadOnlySpan<T>.Empty, destination, accumulate: true, default(SumAccumulator<T>));
    }

    private static void CheckColumnReduction<T>(ReadOnlySpan<T> x, int rows, int cols, ReadOnlySpan<T> destination, string name)
    {
        SpanChecks.Matrix(x.Length, rows, cols, nameof(x));
        SpanChecks.Length(destination.Length, cols, name);
        SpanChecks.NoOverlap(x, destination, name);
    }

    /// <summary>acc + x.</summary>
    private readonly struct SumAccumulator<T> : IColumnAccumulator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Accumulate(T acc, T x, T center) => acc + x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Accumulate(Vector128<T> acc, Vector128<T> x, Vector128<T> center) => acc + x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x, Vector256<T> center) => acc + x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x, Vector512<T> center) => acc + x;
    }
}
