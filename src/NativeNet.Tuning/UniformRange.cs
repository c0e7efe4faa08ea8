using NativeNet.Randomness;

namespace NativeNet.Tuning;

/// <summary>
/// <c>U(Min, Max)</c> for real parameters; for integer parameters each whole number of <c>[Min, Max]</c> is
/// equally likely (so <c>uniform(2, 6)</c> on depth gives 2, 3, 4, 5 or 6).
/// </summary>
public sealed record UniformRange : SearchRange
{
    /// <summary>Creates the range; the bounds must be finite with <paramref name="min"/> &lt; <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or min is not below max.</exception>
    public UniformRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"uniform({min}, {max}): bounds must be finite.");
        }

        CheckOrder(min, max, "uniform");
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
        if (parameter.Kind == ParameterKind.Integer)
        {
            int low = (int)Math.Ceiling(Min);
            int high = (int)Math.Floor(Max);
            return parameter.FormatSample(high < low ? Math.Round(Min) : low + random.NextInt(high - low + 1));
        }

        return parameter.FormatSample(Math.Min(Min + (random.NextDouble() * (Max - Min)), Max));
    }

    /// <inheritdoc/>
    public override string ToSpecText() => $"uniform({TunableParameter.FormatNumber(Min)}, {TunableParameter.FormatNumber(Max)})";

    internal static void CheckOrder(double min, double max, string function)
    {
        if (min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"{function}({min}, {max}): the minimum is greater than the maximum.");
        }

        if (min == max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"{function}({min}, {max}): the range is empty (minimum equals maximum); write the value alone to fix it.");
        }
    }
}
