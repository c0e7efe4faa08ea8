using System.Numerics;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Networks;

/// <summary>
/// Walks a layer list forward and backward: the one runner behind <see cref="Network{T}"/> and
/// <see cref="InferenceSession{T}"/>. It runs the list <see cref="LayerFusion"/> makes of the layers, with one
/// activation buffer per layer and two ping-pong gradient buffers, all planned in the workspace once. No branch
/// depends on a layer's type.
/// </summary>
internal sealed class LayerRunner<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly WorkspaceSlot[] _activations; // _activations[i]: output of layer i, (N, layer.OutputLength)
    private readonly WorkspaceSlot _gradientA;      // ping-pong backward buffers, (N, widest layer)
    private readonly WorkspaceSlot _gradientB;
    private Workspace<T>? _workspace;

    /// <summary>Plans the parameters of <paramref name="layers"/> in <paramref name="layout"/> and their buffers in <paramref name="plan"/>.</summary>
    public LayerRunner(IReadOnlyList<ILayer<T>> layers, int inputLength, ParameterLayout layout, WorkspacePlan plan)
    {
        _layers = LayerFusion.Fuse(layers);
        _activations = new WorkspaceSlot[_layers.Length];
        int widest = inputLength;
        for (int i = 0; i < _layers.Length; i++)
        {
            _layers[i].Plan(layout, plan);
            _activations[i] = plan.AddBatch($"activation {i} ({_layers[i].Name})", _layers[i].OutputLength);
            widest = Math.Max(widest, _layers[i].OutputLength);
        }

        _gradientA = plan.AddBatch("backward A", widest);
        _gradientB = plan.AddBatch("backward B", widest);
    }

    /// <summary>Binds every layer to the parameter store and the built workspace.</summary>
    public void Bind(ParameterStore<T> parameters, Workspace<T> workspace)
    {
        _workspace = workspace;
        foreach (var layer in _layers)
        {
            layer.Bind(parameters, workspace);
        }
    }

    /// <summary>Runs every layer on <paramref name="x"/> (at most the batch capacity); returns the last layer's output.</summary>
    public ReadOnlyTensorView<T> Forward(ReadOnlyTensorView<T> x, bool training)
    {
        int n = x.Rows;
        ReadOnlyTensorView<T> input = x;
        for (int i = 0; i < _layers.Length; i++)
        {
            var output = _workspace!.Batch(_activations[i], n);
            _layers[i].Forward(input, output, training);
            input = output;
        }

        return input;
    }

    /// <summary>The buffer for the gradient of the loss with respect to the last layer's output, <c>(n, outputs)</c>.</summary>
    public TensorView<T> OutputGradient(int n) => Reshape(_workspace!.Batch(_gradientA, n), _layers[^1].OutputLength);

    /// <summary>
    /// Backpropagates <see cref="OutputGradient"/> through every layer after a <see cref="Forward"/> of the same
    /// <paramref name="x"/>, adding to the parameter gradients. The first layer's input gradient is never needed, so
    /// its GEMM is skipped.
    /// </summary>
    public void Backward(ReadOnlyTensorView<T> x)
    {
        int n = x.Rows;
        ReadOnlyTensorView<T> current = OutputGradient(n);
        bool currentIsA = true;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            ReadOnlyTensorView<T> output = _workspace!.Batch(_activations[i], n);
            ReadOnlyTensorView<T> input = i == 0 ? x : _workspace.Batch(_activations[i - 1], n);
            var dx = i == 0 ? default : Reshape(_workspace.Batch(currentIsA ? _gradientB : _gradientA, n), layer.InputLength);
            layer.Backward(input, output, current, dx);
            current = dx;
            currentIsA = !currentIsA;
        }
    }

    private static TensorView<T> Reshape(TensorView<T> buffer, int width) =>
        TensorView<T>.OverPrefix(buffer.Span, new Shape(buffer.Rows, width));
}
