using System.Numerics;
using System.Numerics.Tensors;
using NativeNet.Kernels;
using NativeNet.Serialization;

namespace NativeNet.Layers;

/// <summary>
/// Softmax over each row, <c>y = exp(x - max x) / Σ exp(x - max x)</c>: an output layer that turns scores into
/// probabilities (ONNX Softmax on the last axis). Backward: <c>dx = y ⊙ (dy - Σ_k dy_k y_k)</c> per row. Training
/// uses <see cref="SoftmaxWithLossLayer{T}"/> on scores instead, which fuses the gradient.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SoftmaxLayer<T> : ActivationLayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a row softmax over <paramref name="length"/> classes.</summary>
    public SoftmaxLayer(int length)
        : base(length)
    {
    }

    /// <inheritdoc/>
    public override string Name => "Softmax";

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new ActivationDescription(LayerKind.Softmax, InputLength);

    /// <inheritdoc/>
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) =>
        ElementwiseKernels.SoftmaxRows(x, y, x.Length / InputLength, InputLength);

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        int c = InputLength;
        for (int start = 0; start < y.Length; start += c)
        {
            ReadOnlySpan<T> yRow = y.Slice(start, c);
            T dot = TensorPrimitives.Dot(dy.Slice(start, c), yRow);
            Span<T> dxRow = dx.Slice(start, c);
            TensorPrimitives.Subtract(dy.Slice(start, c), dot, dxRow);
            TensorPrimitives.Multiply(dxRow, yRow, dxRow);
        }
    }
}
