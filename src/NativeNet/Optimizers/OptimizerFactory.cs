using System.Numerics;

namespace NativeNet.Optimizers;

/// <summary>
/// Builds an optimizer from its name and optional hyperparameters, as the reference Trainer does with
/// <c>optimizer='adam', optimizer_param={'lr': 0.001}</c>. Unset hyperparameters take the reference
/// defaults (<see cref="OptimizerDefaults"/>); a hyperparameter the method does not have is an error, not
/// silently ignored.
/// </summary>
public static class OptimizerFactory
{
    // Stryker disable once String : a static initializer runs once per test host, before any mutant is switched on, so
    // these mutants cannot be activated; Names_are_the_reference_names checks the values
    private static readonly string[] _names = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];

    /// <summary>The known names, lowercase: sgd, momentum, nesterov, adagrad, rmsprop, adam.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(_names);

    /// <summary>
    /// Creates the optimizer called <paramref name="name"/> (case-insensitive) for
    /// <paramref name="parameterCount"/> parameters. Which hyperparameters apply: sgd and adagrad: lr;
    /// momentum and nesterov: lr, momentum; rmsprop: lr, decayRate; adam: lr, beta1, beta2.
    /// </summary>
    /// <typeparam name="T">The element type (float or double).</typeparam>
    /// <param name="name">The method's name.</param>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="lr">The learning rate (finite, greater than zero); default 0.01, Adam 0.001.</param>
    /// <param name="momentum">Momentum/Nesterov velocity decay in <c>[0, 1)</c>; default 0.9.</param>
    /// <param name="beta1">Adam's first-moment decay in <c>[0, 1)</c>; default 0.9.</param>
    /// <param name="beta2">Adam's second-moment decay in <c>[0, 1)</c>; default 0.999.</param>
    /// <param name="decayRate">RMSprop's decay in <c>[0, 1)</c>; default 0.99.</param>
    /// <returns>A new optimizer with zeroed state.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names), or a
    /// hyperparameter is given that the method does not have.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (the exception names it).</exception>
    public static Optimizer<T> Create<T>(
        string name,
        int parameterCount,
        double? lr = null,
        double? momentum = null,
        double? beta1 = null,
        double? beta2 = null,
        double? decayRate = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.ToLowerInvariant();
        if (Array.IndexOf(_names, key) < 0)
        {
            throw new ArgumentException($"Unknown optimizer '{name}'. Known optimizers: {string.Join(", ", _names)}.", nameof(name));
        }

        RejectUnused(key, momentum, nameof(momentum), key is "momentum" or "nesterov");
        RejectUnused(key, decayRate, nameof(decayRate), key is "rmsprop");
        RejectUnused(key, beta1, nameof(beta1), key is "adam");
        RejectUnused(key, beta2, nameof(beta2), key is "adam");

        double learningRate = Hyperparameter.RequirePositive(
            lr ?? (key == "adam" ? OptimizerDefaults.AdamLearningRate : OptimizerDefaults.LearningRate), nameof(lr));
        T rate = T.CreateTruncating(learningRate);
        return key switch
        {
            "sgd" => new Sgd<T>(parameterCount, rate),
            "momentum" => new MomentumSgd<T>(parameterCount, rate, Decay<T>(momentum, OptimizerDefaults.Momentum, nameof(momentum))),
            "nesterov" => new Nesterov<T>(parameterCount, rate, Decay<T>(momentum, OptimizerDefaults.Momentum, nameof(momentum))),
            "adagrad" => new AdaGrad<T>(parameterCount, rate),
            "rmsprop" => new RmsProp<T>(parameterCount, rate, Decay<T>(decayRate, OptimizerDefaults.DecayRate, nameof(decayRate))),
            _ => new Adam<T>(
                parameterCount,
                rate,
                Decay<T>(beta1, OptimizerDefaults.Beta1, nameof(beta1)),
                Decay<T>(beta2, OptimizerDefaults.Beta2, nameof(beta2))),
        };
    }

    private static void RejectUnused(string key, double? value, string parameterName, bool used)
    {
        if (value.HasValue && !used)
        {
            throw new ArgumentException($"Optimizer '{key}' has no hyperparameter '{parameterName}'.", parameterName);
        }
    }

    private static T Decay<T>(double? value, double defaultValue, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Hyperparameter.RequireDecay(T.CreateTruncating(Hyperparameter.RequireDecay(value ?? defaultValue, parameterName)), parameterName);
}
