using System.Globalization;

namespace NativeNet.Cli.Arguments;

/// <summary>The finite numbers a real-valued option accepts, with the words that describe them to a user.</summary>
/// <param name="Minimum">The lower bound.</param>
/// <param name="MinimumIncluded">Whether <paramref name="Minimum"/> itself is accepted.</param>
/// <param name="Maximum">The upper bound (<see cref="double.PositiveInfinity"/> for none).</param>
/// <param name="MaximumIncluded">Whether <paramref name="Maximum"/> itself is accepted.</param>
internal sealed record RealRange(double Minimum, bool MinimumIncluded, double Maximum, bool MaximumIncluded)
{
    /// <summary>Greater than zero, as a learning rate.</summary>
    public static readonly RealRange Positive = new(0, false, double.PositiveInfinity, false);

    /// <summary>Zero or more, as a weight decay.</summary>
    public static readonly RealRange NonNegative = new(0, true, double.PositiveInfinity, false);

    /// <summary>From 0 up to but not including 1, as a decay rate or a dropout ratio.</summary>
    public static readonly RealRange Fraction = new(0, true, 1, false);

    /// <summary>Whether <paramref name="value"/> is finite and within the bounds.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value)
        && (MinimumIncluded ? value >= Minimum : value > Minimum)
        && (MaximumIncluded ? value <= Maximum : value < Maximum);

    /// <summary>The accepted values in words: "a finite number greater than 0", "a number from 0 up to (not including) 1".</summary>
    public string Describe()
    {
        if (double.IsPositiveInfinity(Maximum))
            return $"a finite number {(MinimumIncluded ? "of at least" : "greater than")} {Number(Minimum)}";
        var upper = MaximumIncluded ? $"to {Number(Maximum)}" : $"up to (not including) {Number(Maximum)}";
        return MinimumIncluded
            ? $"a number from {Number(Minimum)} {upper}"
            : $"a number greater than {Number(Minimum)} and {(MaximumIncluded ? "at most" : "below")} {Number(Maximum)}";
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
