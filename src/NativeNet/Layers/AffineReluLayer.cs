using System.Numerics;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// An <see cref="AffineLayer{T}"/> directly followed by a <see cref="ReluLayer{T}"/>, run as one layer: the forward
/// pass is one GEMM whose store adds the bias and applies the ReLU while the tile is in registers (no pre-activation
/// buffer, no second pass over it). Chosen when a network's layer list is turned into the list it runs
/// (<see cref="LayerFusion"/>); the two layers keep their parameters, names and gradients, and the results are
/// bit-identical to running them one after the other: <c>Y &gt; 0</c> exactly where <c>X·W + b &gt; 0</c>, so the
/// ReLU's backward can take <c>Y</c> as its input.
/// </summary>
internal sealed class AffineReluLayer<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AffineLayer<T> _affine;
    private readonly ReluLayer<T> _relu;
    private WorkspaceSlot _affineGradient;
    private Workspace<T>? _workspace;

    /// <summary>Fuses <paramref name="affine"/> with the <paramref name="relu"/> that follows it.</summary>
    public AffineReluLayer(AffineLayer<T> affine, ReluLayer<T> relu)
    {
        if (relu.InputLength != affine.OutputLength)
        {
            throw new ShapeMismatchException($"A ReLU of {relu.InputLength} cannot follow an Affine of {affine.OutputLength} outputs.");
        }

        _affine = affine;
        _relu = relu;
    }

    /// <inheritdoc/>
    public string Name => $"{_affine.Name}+{_relu.Name}";

    /// <inheritdoc/>
    public int InputLength => _affine.InputLength;

    /// <inheritdoc/>
    public int OutputLength => _affine.OutputLength;

    /// <inheritdoc/>
    public int ParameterLength => _affine.ParameterLength;

    /// <inheritdoc/>
    public int StateLength => _affine.StateLength;

    /// <inheritdoc/>
    public void Plan(ParameterLayout parameters, WorkspacePlan workspace)
    {
        _affine.Plan(parameters, workspace);
        // Stryker disable once Statement : ActivationLayer.Plan is empty and not virtual; the call is kept so the fused layer
        // plans whatever its parts plan, but removing it changes nothing today
        _relu.Plan(parameters, workspace);
        _affineGradient = workspace.AddBatch($"{Name} gradient before the ReLU", OutputLength);
    }

    /// <inheritdoc/>
    public void Bind(ParameterStore<T> parameters, Workspace<T> workspace)
    {
        _affine.Bind(parameters, workspace);
        // Stryker disable once Statement : ActivationLayer.Bind is empty and not virtual, as Plan above
        _relu.Bind(parameters, workspace);
        _workspace = workspace;
    }

    /// <inheritdoc/>
    public void Initialize(SeededRandom random) => _affine.Initialize(random);

    /// <inheritdoc/>
    public void Forward(ReadOnlyTensorView<T> x, TensorView<T> y, bool training) => _affine.ForwardRelu(x, y);

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx)
    {
        var dz = _workspace!.Batch(_affineGradient, x.Rows);
        _relu.Backward(y, y, dy, dz);
        _affine.Backward(x, y, dz, dx);
    }
}
