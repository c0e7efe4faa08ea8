using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Serialization;

namespace NativeNet.Layers;

/// <summary>
/// <c>y = 1 / (1 + exp(-x))</c>; backward uses the output only: <c>dx = dy · y (1 - y)</c>, so nothing
/// is cached.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SigmoidLayer<T> : ActivationLayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a sigmoid over <paramref name="length"/> features.</summary>
    public SigmoidLayer(int length)
        : base(length)
    {
    }

    /// <inheritdoc/>
    public override string Name => "Sigmoid";

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new ActivationDescription(LayerKind.Sigmoid, InputLength);

    /// <inheritdoc/>
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) => ElementwiseKernels.Sigmoid(x, y);

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => ElementwiseKernels.SigmoidBackward(y, dy, dx);
}
