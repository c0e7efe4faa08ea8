using System.Numerics;
using NativeNet.Memory;
using NativeNet.Randomness;

namespace NativeNet.Layers;

/// <summary>
/// Plans, allocates and initialises memory for one layer on its own: what a network does for all its
/// layers, for tests, gradient checks and users who compose layers by hand.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class LayerHost<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Plans <paramref name="layer"/> for batches of up to <paramref name="batchCapacity"/>, binds it and initialises it from <paramref name="seed"/>.</summary>
    public LayerHost(ILayer<T> layer, int batchCapacity, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Layer = layer;
        var layout = new ParameterLayout();
        var plan = new WorkspacePlan();
        layer.Plan(layout, plan);
        Parameters = new ParameterStore<T>(layout);
        Workspace = plan.Build<T>(batchCapacity);
        layer.Bind(Parameters, Workspace);
        layer.Initialize(new SeededRandom(seed));
    }

    /// <summary>The hosted layer.</summary>
    public ILayer<T> Layer { get; }

    /// <summary>The layer's parameters, gradients and state.</summary>
    public ParameterStore<T> Parameters { get; }

    /// <summary>The layer's workspace.</summary>
    public Workspace<T> Workspace { get; }
}
