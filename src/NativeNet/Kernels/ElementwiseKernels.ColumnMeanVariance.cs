using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Per-column batch statistics of a row-major <c>rows×cols</c> matrix: <c>mean[j] = (1/rows)·Σᵢ x[i, j]</c> and
    /// the population variance <c>variance[j] = (1/rows)·Σᵢ (x[i, j] − mean[j])²</c> (what batch normalisation uses).
    /// Two passes: the deviations are taken from the finished mean, so a large common offset does not cancel
    /// the variance away as in E[x²] − E[x]².
    /// </summary>
    /// <param name="x">The matrix, length rows·cols.</param>
    /// <param name="rows">Number of rows; must be at least 1 (statistics of an empty batch are undefined).</param>
    /// <param name="cols">Number of columns (the features).</param>
    /// <param name="mean">Receives the column means, length cols.</param>
    /// <param name="variance">Receives the population variances, length cols.</param>
    public static void ColumnMeanVariance<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> mean, Span<T> variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckColumnReduction(x, rows, cols, mean, nameof(mean));
        CheckColumnReduction(x, rows, cols, variance, nameof(variance));
        SpanChecks.NoOverlap<T>(mean, variance, nameof(variance));
        ArgumentOutOfRangeException.ThrowIfZero(rows);

        T inverseRows = T.One / T.CreateTruncating(rows);
        ColumnDriver.Run(x, rows, cols, ReadOnlySpan<T>.Empty, mean, accumulate: false, default(SumAccumulator<T>));
        TensorPrimitives.Multiply(mean, inverseRows, mean);
        ColumnDriver.Run(x, rows, cols, mean, variance, accumulate: false, default(SquaredDeviationAccumulator<T>));
        TensorPrimitives.Multiply(variance, inverseRows, variance);
    }

    /// <summary>acc + (x − center)², the square fused into the add.</summary>
    private readonly struct SquaredDeviationAccumulator<T> : IColumnAccumulator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Accumulate(T acc, T x, T center)
        {
            T d = x - center;
            return T.FusedMultiplyAdd(d, d, acc);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Accumulate(Vector128<T> acc, Vector128<T> x, Vector128<T> center)
        {
            Vector128<T> d = x - center;
            return VectorFma.MultiplyAdd(d, d, acc);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x, Vector256<T> center)
        {
            Vector256<T> d = x - center;
            return VectorFma.MultiplyAdd(d, d, acc);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x, Vector512<T> center)
        {
            Vector512<T> d = x - center;
            return VectorFma.MultiplyAdd(d, d, acc);
        }
    }
}
