using System.Numerics;
using System.Numerics.Tensors;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Dropout mask product: <c>destination[i] = x[i] · mask[i]</c>, where the mask holds 0 or the inverted-dropout
    /// scale 1/(1−p). Runs <see cref="TensorPrimitives.Multiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>
    /// after NativeNet's own shape and overlap checks; the same call serves forward and backward.
    /// </summary>
    /// <param name="x">The input (activations forward, the incoming gradient backward).</param>
    /// <param name="mask">The per-element factors.</param>
    /// <param name="destination">The output; may be <paramref name="x"/> itself.</param>
    internal static void MultiplyMask<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mask, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Length(mask.Length, x.Length, nameof(mask));
        SpanChecks.Length(destination.Length, x.Length, nameof(destination));
        SpanChecks.NoPartialOverlap(x, destination, nameof(x));
        SpanChecks.NoPartialOverlap(mask, destination, nameof(mask));
        TensorPrimitives.Multiply(x, mask, destination);
    }
}
