using System.Numerics;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// The targets of a mini-batch, either as class indices (<c>N</c>) or as one-hot rows (<c>N × C</c>);
/// every loss and accuracy function accepts both, as the reference does.
/// </summary>
/// <typeparam name="T">The element type of one-hot rows.</typeparam>
public readonly ref struct LabelBatch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private LabelBatch(ReadOnlySpan<int> indices, ReadOnlyTensorView<T> oneHot, bool isIndex)
    {
        Indices = indices;
        OneHot = oneHot;
        IsIndex = isIndex;
    }

    /// <summary>The class index of each sample, when <see cref="IsIndex"/>.</summary>
    public ReadOnlySpan<int> Indices { get; }

    /// <summary>The one-hot (or any target distribution) rows, when not <see cref="IsIndex"/>.</summary>
    public ReadOnlyTensorView<T> OneHot { get; }

    /// <summary>True for class indices, false for one-hot rows.</summary>
    public bool IsIndex { get; }

    /// <summary>The number of samples.</summary>
    public int Count => IsIndex ? Indices.Length : OneHot.Rows;

    /// <summary>Labels given as class indices.</summary>
    public static LabelBatch<T> FromIndices(ReadOnlySpan<int> indices) => new(indices, default, isIndex: true);

    /// <summary>Labels given as one-hot rows <c>(N, C)</c>.</summary>
    public static LabelBatch<T> FromOneHot(ReadOnlyTensorView<T> oneHot) => new(default, oneHot, isIndex: false);

    /// <summary>The first <paramref name="count"/> labels (for a batch prefix).</summary>
    public LabelBatch<T> Take(int count) => IsIndex ? FromIndices(Indices[..count]) : FromOneHot(OneHot.TakeRows(count));

    /// <summary>Throws unless there are <paramref name="rows"/> labels, each a valid class of <paramref name="classCount"/>.</summary>
    /// <exception cref="ShapeMismatchException">The label count or one-hot width is wrong.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is outside <c>[0, classCount)</c>.</exception>
    public void Validate(int rows, int classCount, string owner)
    {
        if (Count != rows)
        {
            throw new ShapeMismatchException($"{owner}: {rows} samples but {Count} labels.");
        }

        if (IsIndex)
        {
            for (int i = 0; i < Indices.Length; i++)
            {
                if ((uint)Indices[i] >= (uint)classCount)
                {
                    throw new ArgumentOutOfRangeException("labels", Indices[i], $"{owner}: label {i} is {Indices[i]}, outside the {classCount} classes [0, {classCount}).");
                }
            }
        }
        else if (OneHot.RowLength != classCount)
        {
            throw new ShapeMismatchException($"{owner}: one-hot labels must have {classCount} columns, got shape {OneHot.Shape}.");
        }
    }
}
