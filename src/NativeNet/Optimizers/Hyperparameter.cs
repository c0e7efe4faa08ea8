using System.Numerics;

namespace NativeNet.Optimizers;

/// <summary>Checks shared by the optimizers' constructors, setters and the factory; each names the parameter.</summary>
internal static class Hyperparameter
{
    /// <summary>Learning rates: finite and greater than zero (NaN fails).</summary>
    public static T RequirePositive<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(value) || value <= T.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be finite and greater than zero.");
        }

        return value;
    }

    /// <summary>Decay factors (momentum, betas, RMSprop's decay): in <c>[0, 1)</c> (NaN fails).</summary>
    public static T RequireDecay<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero && value < T.One))
        {
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be in [0, 1).");
        }

        return value;
    }
}
