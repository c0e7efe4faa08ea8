using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Serialization;

namespace NativeNet.Layers;

/// <summary>
/// <c>y = tanh(x)</c>; backward uses the output only: <c>dx = dy · (1 - y²)</c>, so nothing
/// is cached.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class TanhLayer<T> : ActivationLayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a tanh over <paramref name="length"/> features.</summary>
    public TanhLayer(int length)
        : base(length)
    {
    }

    /// <inheritdoc/>
    public override string Name => "Tanh";

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new ActivationDescription(LayerKind.Tanh, InputLength);

    /// <inheritdoc/>
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) => ElementwiseKernels.Tanh(x, y);

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => ElementwiseKernels.TanhBackward(y, dy, dx);
}
