using System.Numerics;
using NativeNet.Memory;

namespace NativeNet.Networks;

/// <summary>
/// A frozen copy of a network's parameters and batch-norm state, taken by <see cref="Network{T}.CreateSnapshot"/>,
/// to serve predictions from while the network goes on training: the network writes its own buffers, the
/// snapshot's never change, so sessions over it need no locking. Holds no gradients (half the memory of a network).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class NetworkSnapshot<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterStore<T> _parameters;

    /// <summary>Copies the values and state of <paramref name="source"/>.</summary>
    internal NetworkSnapshot(NetworkOptions options, ParameterStore<T> source)
    {
        Options = options;
        _parameters = new ParameterStore<T>(source.Layout, withGradients: false);
        _parameters.CopyValuesFrom(source);
    }

    /// <summary>The architecture.</summary>
    public NetworkOptions Options { get; }

    /// <summary>The copied parameter values, in the layout of the network's <see cref="ParameterStore{T}.Values"/>.</summary>
    public ReadOnlySpan<T> Values => _parameters.Values;

    /// <summary>The copied state (batch-norm running statistics), in the layout of <see cref="ParameterStore{T}.State"/>.</summary>
    public ReadOnlySpan<T> State => _parameters.State;

    /// <summary>A session that predicts from this snapshot; create one per thread.</summary>
    /// <param name="batchCapacity">The largest batch one forward pass takes.</param>
    public InferenceSession<T> CreateSession(int batchCapacity = 100) => new(Options, _parameters, batchCapacity);
}
