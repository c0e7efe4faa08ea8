using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Tensors;

/// <summary>
/// A writable, row-major view of a tensor of rank 1 to 4 over memory owned elsewhere (a workspace,
/// a parameter store, a user array). It is a cheap <c>ref struct</c>: a span plus a <see cref="Shape"/>.
/// Named so that it cannot collide with <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> or <c>TensorSpan&lt;T&gt;</c>.
/// </summary>
/// <typeparam name="T">The element type, usually <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly ref struct TensorView<T>
    where T : unmanaged
{
    /// <summary>Wraps <paramref name="span"/>, whose length must equal <paramref name="shape"/>'s element count.</summary>
    /// <exception cref="ShapeMismatchException">The span's length is not the shape's length.</exception>
    public TensorView(Span<T> span, Shape shape)
    {
        if (span.Length != shape.Length)
        {
            throw new ShapeMismatchException($"A tensor of shape {shape} needs {shape.Length} elements, the buffer has {span.Length}.");
        }

        Span = span;
        Shape = shape;
    }

    /// <summary>A view of <paramref name="shape"/> over the first <c>shape.Length</c> elements of <paramref name="memory"/> (for example a batch prefix of a workspace).</summary>
    /// <exception cref="ShapeMismatchException">The memory is shorter than the shape needs.</exception>
    public static TensorView<T> OverPrefix(Span<T> memory, Shape shape)
    {
        if (memory.Length < shape.Length)
        {
            throw new ShapeMismatchException($"A tensor of shape {shape} needs {shape.Length} elements, the buffer has only {memory.Length}.");
        }

        return new TensorView<T>(memory[..shape.Length], shape);
    }

    /// <summary>The elements, row-major.</summary>
    public Span<T> Span { get; }

    /// <summary>The dimensions.</summary>
    public Shape Shape { get; }

    /// <summary>The number of elements.</summary>
    public int Length => Span.Length;

    /// <summary>The leading (batch) dimension.</summary>
    public int Rows => Shape.Rows;

    /// <summary>Elements per leading slice (per sample).</summary>
    public int RowLength => Shape.RowLength;

    /// <summary>True when the view has no elements.</summary>
    public bool IsEmpty => Span.IsEmpty;

    /// <summary>Element <paramref name="i"/> of a vector.</summary>
    public ref T this[int i]
    {
        get
        {
            RequireRank(1);
            return ref Span[i];
        }
    }

    /// <summary>Element (<paramref name="i"/>, <paramref name="j"/>) of a matrix.</summary>
    public ref T this[int i, int j]
    {
        get
        {
            RequireRank(2);
            CheckIndex(i, 0);
            CheckIndex(j, 1);
            return ref Span[(i * Shape[1]) + j];
        }
    }

    /// <summary>Element (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>) of a rank-3 tensor.</summary>
    public ref T this[int i, int j, int k]
    {
        get
        {
            RequireRank(3);
            CheckIndex(i, 0);
            CheckIndex(j, 1);
            CheckIndex(k, 2);
            return ref Span[(((i * Shape[1]) + j) * Shape[2]) + k];
        }
    }

    /// <summary>Element (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>, <paramref name="l"/>) of a rank-4 tensor.</summary>
    public ref T this[int i, int j, int k, int l]
    {
        get
        {
            RequireRank(4);
            CheckIndex(i, 0);
            CheckIndex(j, 1);
            CheckIndex(k, 2);
            CheckIndex(l, 3);
            return ref Span[(((((i * Shape[1]) + j) * Shape[2]) + k) * Shape[3]) + l];
        }
    }

    /// <summary>Leading slice <paramref name="i"/> (one sample), flattened.</summary>
    public Span<T> Row(int i)
    {
        CheckIndex(i, 0);
        int rowLength = RowLength;
        return Span.Slice(i * rowLength, rowLength);
    }

    /// <summary>The same elements seen with another shape of equal length; nothing is copied.</summary>
    /// <exception cref="ShapeMismatchException">The element counts differ.</exception>
    public TensorView<T> Reshape(Shape shape)
    {
        if (shape.Length != Length)
        {
            throw new ShapeMismatchException($"Cannot reshape {Shape} ({Length} elements) to {shape} ({shape.Length} elements).");
        }

        return new TensorView<T>(Span, shape);
    }

    /// <summary>The rows <c>[start, start + count)</c> of the leading dimension, such as a part of a batch.</summary>
    public TensorView<T> SliceRows(int start, int count)
    {
        if ((uint)start > (uint)Rows || (uint)count > (uint)(Rows - start))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start + count}) are outside a tensor of shape {Shape}.");
        }

        int rowLength = RowLength;
        return new TensorView<T>(Span.Slice(start * rowLength, count * rowLength), Shape.WithRows(count));
    }

    /// <summary>The first <paramref name="count"/> rows (a batch prefix).</summary>
    public TensorView<T> TakeRows(int count) => SliceRows(0, count);

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => Span.Fill(value);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>Copies into <paramref name="destination"/>, which must have the same shape.</summary>
    public void CopyTo(TensorView<T> destination)
    {
        destination.Shape.MustEqual(Shape, "Tensor copy destination");
        Span.CopyTo(destination.Span);
    }

    /// <summary>A read-only view of the same elements.</summary>
    public ReadOnlyTensorView<T> AsReadOnly() => new(Span, Shape);

    /// <summary>Views a writable tensor as read-only.</summary>
    public static implicit operator ReadOnlyTensorView<T>(TensorView<T> view) => view.AsReadOnly();

    /// <summary>The shape and element type, for debugging.</summary>
    public override string ToString() => $"TensorView<{typeof(T).Name}>{Shape}";

    /// <summary>Direct reference to the first element, for kernels; no bounds check.</summary>
    public ref T DangerousGetReference() => ref MemoryMarshal.GetReference(Span);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RequireRank(int rank)
    {
        if (Shape.Rank != rank)
        {
            ThrowRank(rank);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int index, int axis)
    {
        if ((uint)index >= (uint)Shape[axis])
        {
            ThrowIndex(index, axis);
        }
    }

    private void ThrowRank(int rank) =>
        throw new ShapeMismatchException($"A rank-{rank} index was used on a tensor of shape {Shape}.");

    private void ThrowIndex(int index, int axis) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} on axis {axis} is outside a tensor of shape {Shape}.");
}
