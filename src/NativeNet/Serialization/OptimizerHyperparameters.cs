using System.Numerics;
using NativeNet.Optimizers;

namespace NativeNet.Serialization;

/// <summary>The hyperparameters beyond the learning rate that a model file records for each optimizer.</summary>
internal readonly record struct OptimizerHyperparameters(double? Momentum, double? DecayRate, double? Beta1, double? Beta2)
{
    public static OptimizerHyperparameters Read<T>(Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T> => optimizer switch
        {
            MomentumSgd<T> m => new(double.CreateTruncating(m.Momentum), null, null, null),
            Nesterov<T> n => new(double.CreateTruncating(n.Momentum), null, null, null),
            RmsProp<T> r => new(null, double.CreateTruncating(r.DecayRate), null, null),
            Adam<T> a => new(null, null, double.CreateTruncating(a.Beta1), double.CreateTruncating(a.Beta2)),
            _ => default,
        };
}
