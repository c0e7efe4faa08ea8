using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// <c>y = 1 / (1 + exp(-x))</c>; backward uses the output only: <c>dx = dy · y (1 - y)</c>, so nothing
/// is cached.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SigmoidLayer<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a sigmoid over <paramref name="length"/> features.</summary>
    public SigmoidLayer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        InputLength = length;
    }

    /// <inheritdoc/>
    public string Name => "Sigmoid";

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
        ElementwiseKernels.Sigmoid(x.Span, y.Span);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx)
    {
        LayerShapes.CheckBackward(Name, InputLength, OutputLength, x.Shape, y.Shape, dy.Shape, dx.Shape, dx.IsEmpty);
        if (!dx.IsEmpty)
        {
            ElementwiseKernels.SigmoidBackward(y.Span, dy.Span, dx.Span);
        }
    }
}
