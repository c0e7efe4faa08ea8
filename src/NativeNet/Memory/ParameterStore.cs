using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using NativeNet.Tensors;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>
/// Owns every parameter of a network in one flat, 64-byte aligned buffer, the gradients in a second
/// buffer with the same layout, and the non-trained state (running statistics) in a third.
/// Layers hold <see cref="ParameterHandle"/>s and get views on demand, so an optimizer step is one
/// fused pass over <see cref="Values"/> and <see cref="Gradients"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ParameterStore<T>
    where T : unmanaged
{
    private readonly AlignedBuffer<T> _values;
    private readonly AlignedBuffer<T> _gradients;
    private readonly AlignedBuffer<T> _state;

    /// <summary>Allocates the buffers for <paramref name="layout"/> (all zero). The layout can no longer grow.</summary>
    public ParameterStore(ParameterLayout layout)
        : this(layout, withGradients: true)
    {
    }

    /// <summary>A store whose gradient buffer is empty when <paramref name="withGradients"/> is false (inference-only snapshots).</summary>
    internal ParameterStore(ParameterLayout layout, bool withGradients)
    {
        ArgumentNullException.ThrowIfNull(layout);
        layout.Freeze();
        Layout = layout;
        _values = new AlignedBuffer<T>(layout.ParameterBufferLength);
        _gradients = new AlignedBuffer<T>(withGradients ? layout.ParameterBufferLength : 0);
        _state = new AlignedBuffer<T>(layout.StateBufferLength);
    }

    /// <summary>The layout the buffers follow.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>Every parameter value, flat (padding between segments stays zero).</summary>
    public Span<T> Values => _values.Span;

    /// <summary>Every gradient, flat, in the same layout as <see cref="Values"/>.</summary>
    public Span<T> Gradients => _gradients.Span;

    /// <summary>Every state value (running statistics), flat.</summary>
    public Span<T> State => _state.Span;

    /// <summary>The values of one parameter.</summary>
    public TensorView<T> Value(ParameterHandle handle) => View(_values, Layout.Parameters[handle.Index]);

    /// <summary>The gradient of one parameter.</summary>
    public TensorView<T> Gradient(ParameterHandle handle) => View(_gradients, Layout.Parameters[handle.Index]);

    /// <summary>One state tensor.</summary>
    public TensorView<T> StateValue(StateHandle handle) => View(_state, Layout.States[handle.Index]);

    /// <summary>The values of the parameter named <paramref name="name"/>.</summary>
    public TensorView<T> Value(string name) => Value(Layout.FindParameter(name));

    /// <summary>The gradient of the parameter named <paramref name="name"/>.</summary>
    public TensorView<T> Gradient(string name) => Gradient(Layout.FindParameter(name));

    /// <summary>Zeroes every gradient; backward passes add into them.</summary>
    public void ZeroGradients() => _gradients.Span.Clear();

    /// <summary>Copies values and state (not gradients) from another store with the same layout.</summary>
    /// <exception cref="ShapeMismatchException">The stores have different layouts.</exception>
    public void CopyValuesFrom(ParameterStore<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Values.Length != Values.Length || source.State.Length != State.Length)
        {
            throw new ShapeMismatchException($"Parameter stores differ: {source.Values.Length}/{source.State.Length} vs {Values.Length}/{State.Length} values/state.");
        }

        source.Values.CopyTo(Values);
        source.State.CopyTo(State);
    }

    /// <summary>
    /// True when every parameter value and every state value is finite (no NaN, no infinity). A diverged
    /// update can overflow parameters; such a store must not be saved or served.
    /// </summary>
    public bool AreAllFinite() => FirstNonFinite(_values.Span) < 0 && FirstNonFinite(_state.Span) < 0;

    /// <summary>Names the first non-finite value, such as <c>W1[12] = NaN</c>, or returns null when all are finite.</summary>
    internal string? DescribeFirstNonFinite()
    {
        int index = FirstNonFinite(_values.Span);
        if (index >= 0)
        {
            return Describe(Layout.Parameters, _values.Span, index);
        }

        index = FirstNonFinite(_state.Span);
        return index >= 0 ? Describe(Layout.States, _state.Span, index) : null;
    }

    private static int FirstNonFinite(ReadOnlySpan<T> values)
    {
        if (typeof(T) == typeof(float))
        {
            var floats = MemoryMarshal.Cast<T, float>(values);
            return TensorPrimitives.IsFiniteAll(floats) ? -1 : IndexOfNonFinite(floats);
        }

        if (typeof(T) == typeof(double))
        {
            var doubles = MemoryMarshal.Cast<T, double>(values);
            return TensorPrimitives.IsFiniteAll(doubles) ? -1 : IndexOfNonFinite(doubles);
        }

        return -1; // other element types carry no NaN or infinity
    }

    private static int IndexOfNonFinite<TFloat>(ReadOnlySpan<TFloat> values)
        where TFloat : IFloatingPointIeee754<TFloat>
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!TFloat.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(IReadOnlyList<ParameterSegment> segments, ReadOnlySpan<T> values, int index)
    {
        foreach (var segment in segments)
        {
            if (index >= segment.Offset && index < segment.Offset + segment.Length)
            {
                return $"{segment.Name}[{index - segment.Offset}] = {values[index]}";
            }
        }

        return $"padding element {index} = {values[index]}";
    }

    private static TensorView<T> View(AlignedBuffer<T> buffer, ParameterSegment segment) =>
        new(buffer.Slice(segment.Offset, segment.Length), segment.Shape);
}
