using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Serialization;

namespace NativeNet.Layers;

/// <summary>
/// <c>y = max(0, x)</c>; backward passes the gradient where <c>x &gt; 0</c> and writes a fresh
/// <c>dx</c> (unlike the book's <c>Relu.backward</c>, it never modifies <c>dy</c>).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ReluLayer<T> : ActivationLayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a ReLU over <paramref name="length"/> features.</summary>
    public ReluLayer(int length)
        : base(length)
    {
    }

    /// <inheritdoc/>
    public override string Name => "Relu";

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new ActivationDescription(LayerKind.Relu, InputLength);

    /// <inheritdoc/>
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) => ElementwiseKernels.Relu(x, y);

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => ElementwiseKernels.ReluBackward(x, dy, dx);
}
