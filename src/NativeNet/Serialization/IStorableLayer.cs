namespace NativeNet.Serialization;

/// <summary>
/// A layer that a version-2 model file can hold: it describes its own kind, sizes, parameter names and
/// hyperparameters, so the writer needs no switch over layer types. Its parameters and state travel in the
/// network's flat buffers, not in the description.
/// </summary>
internal interface IStorableLayer
{
    /// <summary>What rebuilds this layer, unbound, with the same sizes, names and hyperparameters.</summary>
    LayerDescription Describe();
}
