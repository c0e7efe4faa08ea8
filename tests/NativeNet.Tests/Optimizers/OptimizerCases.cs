using System.Numerics;
using NativeNet.Optimizers;

namespace NativeNet.Tests.Optimizers;

/// <summary>Every optimizer with non-default hyperparameters, and its plain reference.</summary>
internal static class OptimizerCases
{
    public static readonly string[] Kinds = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];

    public static Optimizer<T> Create<T>(string kind, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static T V(double value) => T.CreateTruncating(value);
        return kind switch
        {
            "sgd" => new Sgd<T>(length, V(0.05)),
            "momentum" => new MomentumSgd<T>(length, V(0.05), V(0.8)),
            "nesterov" => new Nesterov<T>(length, V(0.05), V(0.8)),
            "adagrad" => new AdaGrad<T>(length, V(0.05)),
            "rmsprop" => new RmsProp<T>(length, V(0.05), V(0.9)),
            "adam" => new Adam<T>(length, V(0.01), V(0.8), V(0.99)),
            _ => throw new ArgumentException(kind),
        };
    }

    // The reference gets the hyperparameters as the optimizer of type T stores them.
    public static ReferenceUpdates CreateReference<T>(string kind, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static double V(double value) => double.CreateTruncating(T.CreateTruncating(value));
        return kind switch
        {
            "sgd" => new ReferenceUpdates("sgd", length, V(0.05)),
            "momentum" => new ReferenceUpdates("momentum", length, V(0.05), momentum: V(0.8)),
            "nesterov" => new ReferenceUpdates("nesterov", length, V(0.05), momentum: V(0.8)),
            "adagrad" => new ReferenceUpdates("adagrad", length, V(0.05)),
            "rmsprop" => new ReferenceUpdates("rmsprop", length, V(0.05), decayRate: V(0.9)),
            "adam" => new ReferenceUpdates("adam", length, V(0.01), beta1: V(0.8), beta2: V(0.99)),
            _ => throw new ArgumentException(kind),
        };
    }

    public static T[] RandomVector<T>(Random rng, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating((rng.NextDouble() * 2) - 1);
        }

        return values;
    }
}
