using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Index of the largest element of each row of a row-major <c>rows×cols</c> matrix (the predicted class).
    /// Runs <see cref="TensorPrimitives.IndexOfMax{T}(ReadOnlySpan{T})"/> per row, so: on ties the first index wins
    /// (+0 counts as larger than −0); a row containing NaN reports its first NaN (NaN is treated as the largest
    /// value, as NumPy's argmax does, so a broken row is never silently scored as a plausible class);
    /// an empty row (cols = 0) reports −1.
    /// </summary>
    /// <param name="x">The matrix, length rows·cols.</param>
    /// <param name="rows">Number of rows (the batch size).</param>
    /// <param name="cols">Number of columns (the classes).</param>
    /// <param name="destination">Receives one column index per row, length rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ArgMaxRows<T>(ReadOnlySpan<T> x, int rows, int cols, Span<int> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Matrix(x.Length, rows, cols, nameof(x));
        SpanChecks.Length(destination.Length, rows, nameof(destination));
        for (int i = 0; i < rows; i++)
        {
            destination[i] = TensorPrimitives.IndexOfMax(x.Slice(i * cols, cols));
        }
    }
}
