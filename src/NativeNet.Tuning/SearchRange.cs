using NativeNet.Randomness;

namespace NativeNet.Tuning;

/// <summary>
/// Where a parameter's values come from: <see cref="LogUniformRange"/>, <see cref="UniformRange"/> or a
/// <see cref="ChoiceRange"/> (one choice fixes the value). Written in spec files as
/// <c>loguniform(1e-6, 1e-2)</c>, <c>uniform(0, 0.5)</c>, <c>choice(sgd, adam)</c> or a plain value.
/// </summary>
public abstract record SearchRange
{
    private protected SearchRange()
    {
    }

    /// <summary>Whether the range holds a single value (a plain value in a spec file).</summary>
    public abstract bool IsFixed { get; }

    /// <summary>Draws one value for <paramref name="parameter"/> as its canonical text.</summary>
    internal abstract string Sample(SeededRandom random, TunableParameter parameter);

    /// <summary>The spec-file syntax, for example <c>loguniform(1e-06, 0.01)</c>.</summary>
    public abstract string ToSpecText();

    /// <summary>The spec-file syntax.</summary>
    public sealed override string ToString() => ToSpecText();
}
