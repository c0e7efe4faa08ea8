using NativeNet.Tensors;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>
/// The plan of a network's flat parameter buffer: layers declare their parameters (W, b, gamma, beta)
/// and their non-trained state (batch-norm running statistics), and get handles back. A
/// <see cref="ParameterStore{T}"/> then allocates the values, the gradients (same layout) and the state once.
/// </summary>
public sealed class ParameterLayout
{
    private readonly List<ParameterSegment> _parameters = [];
    private readonly List<ParameterSegment> _states = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private bool _frozen;

    /// <summary>The parameter segments in declaration order.</summary>
    public IReadOnlyList<ParameterSegment> Parameters => _parameters;

    /// <summary>The state segments in declaration order.</summary>
    public IReadOnlyList<ParameterSegment> States => _states;

    /// <summary>The length of the flat parameter (and gradient) buffer, including alignment padding.</summary>
    public int ParameterBufferLength { get; private set; }

    /// <summary>The length of the flat state buffer, including alignment padding.</summary>
    public int StateBufferLength { get; private set; }

    /// <summary>The number of trainable scalars, without padding.</summary>
    public int ParameterCount { get; private set; }

    /// <summary>Declares a trainable parameter tensor.</summary>
    /// <exception cref="ArgumentException">The name is already used, or the layout is already in use by a store.</exception>
    public ParameterHandle AddParameter(string name, Shape shape, ParameterKind kind)
    {
        ClaimName(name);
        int offset = ParameterBufferLength;
        _parameters.Add(new ParameterSegment(name, shape, kind, offset));
        ParameterBufferLength = checked(offset + AlignedLength(shape.Length));
        ParameterCount = checked(ParameterCount + shape.Length);
        return new ParameterHandle(_parameters.Count - 1);
    }

    /// <summary>Declares a non-trained state tensor (saved with the model, never touched by optimizers).</summary>
    public StateHandle AddState(string name, Shape shape)
    {
        ClaimName(name);
        int offset = StateBufferLength;
        _states.Add(new ParameterSegment(name, shape, ParameterKind.Bias, offset));
        StateBufferLength = checked(offset + AlignedLength(shape.Length));
        return new StateHandle(_states.Count - 1);
    }

    /// <summary>Finds a parameter by name.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public ParameterHandle FindParameter(string name)
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i].Name == name)
            {
                return new ParameterHandle(i);
            }
        }

        throw new KeyNotFoundException($"No parameter named '{name}'. Parameters: {string.Join(", ", _parameters.Select(p => p.Name))}.");
    }

    internal void Freeze() => _frozen = true;

    private void ClaimName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_frozen)
        {
            throw new InvalidOperationException("The layout is already used by a parameter store; declare every parameter before creating the store.");
        }

        if (!_names.Add(name))
        {
            throw new ArgumentException($"A parameter or state named '{name}' is already declared.", nameof(name));
        }
    }

    // Each segment starts on a 64-byte line, whatever the element type (16 floats or 8 doubles).
    private static int AlignedLength(int length) => (length + 15) / 16 * 16;
}
