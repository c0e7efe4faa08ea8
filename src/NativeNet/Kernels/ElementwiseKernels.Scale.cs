using System.Numerics;
using System.Numerics.Tensors;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// <c>destination[i] = alpha · x[i]</c>. Runs <see cref="TensorPrimitives.Multiply{T}(ReadOnlySpan{T}, T, Span{T})"/>
    /// after NativeNet's own shape and overlap checks.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="alpha">The factor.</param>
    /// <param name="destination">The output; may be <paramref name="x"/> itself.</param>
    internal static void Scale<T>(ReadOnlySpan<T> x, T alpha, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Length(destination.Length, x.Length, nameof(destination));
        SpanChecks.NoPartialOverlap(x, destination, nameof(x));
        TensorPrimitives.Multiply(x, alpha, destination);
    }
}
