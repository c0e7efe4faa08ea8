using System.Numerics;
using System.Numerics.Tensors;
using NativeNet.Serialization;

namespace NativeNet.Layers;

/// <summary>
/// Log-softmax over each row, <c>y = x - max x - log Σ exp(x - max x)</c> (ONNX LogSoftmax on the last axis,
/// what PyTorch classifiers trained with NLLLoss end in). Max-shifted, so it stays finite for large scores.
/// Backward: <c>dx = dy - exp(y) · Σ_k dy_k</c> per row.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class LogSoftmaxLayer<T> : ActivationLayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a row log-softmax over <paramref name="length"/> classes.</summary>
    public LogSoftmaxLayer(int length)
        : base(length)
    {
    }

    /// <inheritdoc/>
    public override string Name => "LogSoftmax";

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new ActivationDescription(LayerKind.LogSoftmax, InputLength);

    /// <inheritdoc/>
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        int c = InputLength;
        for (int start = 0; start < x.Length; start += c)
        {
            ReadOnlySpan<T> row = x.Slice(start, c);
            Span<T> yRow = y.Slice(start, c);
            T max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, yRow);
            T sum = T.Zero;
            for (int k = 0; k < c; k++)
            {
                sum += T.Exp(yRow[k]);
            }

            TensorPrimitives.Subtract(yRow, T.Log(sum), yRow);
        }
    }

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        int c = InputLength;
        for (int start = 0; start < y.Length; start += c)
        {
            T sum = TensorPrimitives.Sum(dy.Slice(start, c));
            for (int k = 0; k < c; k++)
            {
                dx[start + k] = dy[start + k] - (T.Exp(y[start + k]) * sum);
            }
        }
    }
}
