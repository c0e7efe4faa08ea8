using System.Numerics;
using System.Numerics.Tensors;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Bias add: <c>destination[i, j] = x[i, j] + bias[j]</c> for a row-major <c>rows×cols</c> matrix.
    /// Checks once, then runs <see cref="TensorPrimitives.Add{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> per row.
    /// </summary>
    /// <param name="x">The matrix, length rows·cols.</param>
    /// <param name="bias">The row vector, length cols; must not overlap <paramref name="destination"/>.</param>
    /// <param name="destination">The output, length rows·cols; may be <paramref name="x"/> itself.</param>
    /// <param name="rows">Number of rows (the batch size).</param>
    /// <param name="cols">Number of columns (the features).</param>
    internal static void AddRowVector<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> bias, Span<T> destination, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Matrix(x.Length, rows, cols, nameof(x));
        SpanChecks.Length(bias.Length, cols, nameof(bias));
        SpanChecks.Length(destination.Length, x.Length, nameof(destination));
        SpanChecks.NoPartialOverlap(x, destination, nameof(x));
        SpanChecks.NoOverlap(bias, destination, nameof(bias));
        for (int i = 0; i < rows; i++)
        {
            TensorPrimitives.Add(x.Slice(i * cols, cols), bias, destination.Slice(i * cols, cols));
        }
    }
}
