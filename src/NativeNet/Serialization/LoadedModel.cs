using System.Numerics;
using NativeNet.Networks;
using NativeNet.Optimizers;

namespace NativeNet.Serialization;

/// <summary>A network read from a model file, with the optimizer state when the file carried it.</summary>
/// <param name="Network">The rebuilt network with its saved parameters and batch-norm statistics.</param>
/// <param name="Optimizer">The optimizer with its state to resume training, or null.</param>
public sealed record LoadedModel<T>(Network<T> Network, Optimizer<T>? Optimizer)
    where T : unmanaged, IFloatingPointIeee754<T>;
