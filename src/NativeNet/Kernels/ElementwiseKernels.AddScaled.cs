using System.Numerics;
using System.Numerics.Tensors;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// axpy: <c>destination[i] = x[i] + alpha · y[i]</c>, each element with one rounding (fused multiply-add).
    /// Runs <see cref="TensorPrimitives.FusedMultiplyAdd{T}(ReadOnlySpan{T}, T, ReadOnlySpan{T}, Span{T})"/>
    /// after NativeNet's own shape and overlap checks. Used for weight decay and plain SGD steps.
    /// </summary>
    /// <param name="x">The addend.</param>
    /// <param name="y">The scaled input.</param>
    /// <param name="alpha">The factor applied to <paramref name="y"/>.</param>
    /// <param name="destination">The output; may be <paramref name="x"/> or <paramref name="y"/>.</param>
    internal static void AddScaled<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T alpha, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Length(y.Length, x.Length, nameof(y));
        SpanChecks.Length(destination.Length, x.Length, nameof(destination));
        SpanChecks.NoPartialOverlap(x, destination, nameof(x));
        SpanChecks.NoPartialOverlap(y, destination, nameof(y));
        TensorPrimitives.FusedMultiplyAdd(y, alpha, x, destination);
    }
}
