using System.Numerics;
using System.Numerics.Tensors;
using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// The sum of squares error the reference calls "mean squared error":
/// <c>E = 0.5 · Σ_n Σ_k (x_nk - t_nk)²</c>, summed (not averaged) over the batch, on the raw scores
/// (no softmax). Index labels stand for one-hot targets. Backward: <c>dx = x - t</c>, the exact
/// derivative of E. A NaN among the scores makes the loss NaN.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SumOfSquaresLossLayer<T> : ILossLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string LayerName = "SumOfSquaresLoss";

    private WorkspaceSlot _differenceSlot; // (N, C) x - t, forward scratch
    private Workspace<T>? _workspace;

    /// <summary>Creates the loss for <paramref name="classCount"/> outputs per sample.</summary>
    public SumOfSquaresLossLayer(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        InputLength = classCount;
    }

    /// <summary>The layer's name in messages.</summary>
    public string Name => LayerName;

    /// <inheritdoc/>
    public int InputLength { get; }

    private Workspace<T> Workspace => _workspace ?? throw new InvalidOperationException($"{LayerName} is not bound to a workspace yet.");

    /// <inheritdoc/>
    public void Plan(WorkspacePlan workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _differenceSlot = workspace.AddBatch(LayerName + ".difference", InputLength);
    }

    /// <inheritdoc/>
    public void Bind(Workspace<T> workspace) => _workspace = workspace;

    /// <inheritdoc/>
    public T Forward(ReadOnlyTensorView<T> x, LabelBatch<T> labels)
    {
        CheckScores(x.Shape);
        labels.Validate(x.Rows, InputLength, LayerName);
        Span<T> difference = Workspace.Batch(_differenceSlot, x.Rows).Span; // (N, C)
        Difference(x.Span, labels, difference);
        return TensorPrimitives.SumOfSquares<T>(difference) / T.CreateChecked(2);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, LabelBatch<T> labels, TensorView<T> dx)
    {
        CheckScores(x.Shape);
        labels.Validate(x.Rows, InputLength, LayerName);
        if (dx.Rows != x.Rows || dx.RowLength != InputLength)
        {
            throw new ShapeMismatchException($"{LayerName}: dx must be ({x.Rows}, {InputLength}) like x, got shape {dx.Shape}.");
        }

        Difference(x.Span, labels, dx.Span);
    }

    // destination = x - t, with index labels as one-hot rows.
    private void Difference(ReadOnlySpan<T> x, LabelBatch<T> labels, Span<T> destination)
    {
        if (labels.IsIndex)
        {
            x.CopyTo(destination);
            for (int i = 0; i < labels.Indices.Length; i++)
            {
                destination[(i * InputLength) + labels.Indices[i]] -= T.One;
            }
        }
        else
        {
            TensorPrimitives.Subtract(x, labels.OneHot.Span, destination);
        }
    }

    private void CheckScores(Shape x)
    {
        if (x.Rank == 0 || x.RowLength != InputLength)
        {
            throw new ShapeMismatchException($"{LayerName}: scores x must have {InputLength} outputs per sample, got shape {x}.");
        }
    }
}
