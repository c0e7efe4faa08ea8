using NativeNet.Randomness;

namespace NativeNet.Tuning;

/// <summary>
/// <c>10^U(log10 Min, log10 Max)</c>: every decade between the bounds is equally likely, which suits scales
/// such as learning rates and weight decay that matter by order of magnitude. Integer parameters round the sample.
/// </summary>
public sealed record LogUniformRange : SearchRange
{
    /// <summary>Creates the range; both bounds must be positive and finite with <paramref name="min"/> &lt; <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or min is not below max.</exception>
    public LogUniformRange(double min, double max)
    {
        if (!(double.IsFinite(min) && min > 0) || !(double.IsFinite(max) && max > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"loguniform({min}, {max}): log-uniform bounds must be positive and finite.");
        }

        UniformRange.CheckOrder(min, max, "loguniform");
        Min = min;
        Max = max;
    }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public override bool IsFixed => false;

    /// <inheritdoc/>
    internal override string Sample(SeededRandom random, TunableParameter parameter)
    {
        double low = Math.Log10(Min);
        double high = Math.Log10(Max);
        double value = Math.Pow(10, low + (random.NextDouble() * (high - low)));
        return parameter.FormatSample(Math.Clamp(value, Min, Max));
    }

    /// <inheritdoc/>
    public override string ToSpecText() => $"loguniform({TunableParameter.FormatNumber(Min)}, {TunableParameter.FormatNumber(Max)})";
}
