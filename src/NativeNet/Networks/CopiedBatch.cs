using System.Numerics;
using NativeNet.Layers;
using NativeNet.Tensors;

namespace NativeNet.Networks;

/// <summary>
/// A batch and its labels copied into arrays, so that lambdas can use them: views and label batches are
/// <c>ref struct</c>s and cannot be captured. For the slow numerical paths only (it allocates).
/// </summary>
internal sealed class CopiedBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _x;
    private readonly Shape _shape;
    private readonly int[]? _indices;
    private readonly T[]? _oneHot;
    private readonly Shape _oneHotShape;

    public CopiedBatch(ReadOnlyTensorView<T> x, LabelBatch<T> labels)
    {
        _x = x.Span.ToArray();
        _shape = x.Shape;
        _indices = labels.IsIndex ? labels.Indices.ToArray() : null;
        _oneHot = labels.IsIndex ? null : labels.OneHot.Span.ToArray();
        _oneHotShape = labels.IsIndex ? default : labels.OneHot.Shape;
    }

    /// <summary>A view of the copied inputs.</summary>
    public ReadOnlyTensorView<T> X => new(_x, _shape);

    /// <summary>The copied labels, in the form they were given.</summary>
    public LabelBatch<T> Labels => _indices is not null
        ? LabelBatch<T>.FromIndices(_indices)
        : LabelBatch<T>.FromOneHot(new ReadOnlyTensorView<T>(_oneHot, _oneHotShape));
}
