using System.Numerics;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// The shared shell of the activations, element-wise (ReLU, leaky ReLU, sigmoid, tanh) or row-wise (softmax,
/// log-softmax, whose kernels get whole rows of <see cref="InputLength"/> values): no parameters, no state, no
/// workspace; output shape equals input shape. A subclass supplies the forward kernel and the backward
/// kernel, which gets x and y so each activation can use whichever it needs.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class ActivationLayer<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an activation over <paramref name="length"/> features.</summary>
    protected ActivationLayer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        InputLength = length;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public int InputLength { get; }

    /// <inheritdoc/>
    public int OutputLength => InputLength;

    /// <inheritdoc/>
    public int ParameterLength => 0;

    /// <inheritdoc/>
    public int StateLength => 0;

    /// <inheritdoc/>
    public void Plan(ParameterLayout parameters, WorkspacePlan workspace)
    {
    }

    /// <inheritdoc/>
    public void Bind(ParameterStore<T> parameters, Workspace<T> workspace)
    {
    }

    /// <inheritdoc/>
    public void Initialize(SeededRandom random)
    {
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlyTensorView<T> x, TensorView<T> y, bool training)
    {
        LayerShapes.CheckForward(Name, InputLength, OutputLength, x.Shape, y.Shape);
        Activate(x.Span, y.Span);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx)
    {
        LayerShapes.CheckBackward(Name, InputLength, OutputLength, x.Shape, y.Shape, dy.Shape, dx.Shape, dx.IsEmpty);
        if (!dx.IsEmpty)
        {
            Differentiate(x.Span, y.Span, dy.Span, dx.Span);
        }
    }

    /// <summary>The forward kernel: <paramref name="y"/> = f(<paramref name="x"/>), element by element.</summary>
    protected abstract void Activate(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>The backward kernel: <paramref name="dx"/> = f'(·) ⊙ <paramref name="dy"/>, from x or y.</summary>
    protected abstract void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);
}
