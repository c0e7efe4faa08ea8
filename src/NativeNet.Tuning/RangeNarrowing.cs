using System.Globalization;

namespace NativeNet.Tuning;

/// <summary>
/// Proposes narrower ranges from the best trials, as the book does by eye: for each searched numeric parameter
/// the span of the best trials' values (in log space for log-uniform ranges), widened on each side by
/// <c>padding × the original span</c>, rounded outward to two significant digits and clamped to the original
/// range; for a choice list, the choices the best trials used. Fixed parameters stay fixed.
/// </summary>
public static class RangeNarrowing
{
    /// <summary>The default padding: 5% of the original span on each side.</summary>
    public const double DefaultPadding = 0.05;

    /// <summary>The narrowed space.</summary>
    /// <param name="space">The space the trials were drawn from.</param>
    /// <param name="best">The best trials (at least one), for example <c>report.Ranked.Take(10)</c>.</param>
    /// <param name="padding">The fraction of the original span added on each side, in [0, 1].</param>
    /// <exception cref="ArgumentException">No trials are given.</exception>
    public static SearchSpace Narrow(SearchSpace space, IReadOnlyList<TrialResult> best, double padding = DefaultPadding)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(best);
        if (best.Count == 0)
        {
            throw new ArgumentException("Narrowing needs at least one trial.", nameof(best));
        }

        if (!(padding >= 0 && padding <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "The padding must be in [0, 1].");
        }

        var narrowed = space;
        foreach (var parameter in TunableParameters.All)
        {
            var range = space[parameter];
            if (range.IsFixed)
            {
                continue;
            }

            narrowed = narrowed.With(parameter, range switch
            {
                ChoiceRange choice => NarrowChoice(choice, parameter, best),
                LogUniformRange log => NarrowNumeric(parameter, best, log.Min, log.Max, padding, logarithmic: true),
                UniformRange uniform => NarrowNumeric(parameter, best, uniform.Min, uniform.Max, padding, logarithmic: false),
                _ => range,
            });
        }

        return narrowed;
    }

    private static ChoiceRange NarrowChoice(ChoiceRange choice, TunableParameter parameter, IReadOnlyList<TrialResult> best)
    {
        // Keep the original order, so the narrowed spec reads like the first.
        var used = choice.Choices.Where(c => best.Any(t => t.Hyperparameters[parameter] == c)).ToArray();
        return used.Length > 0 ? new ChoiceRange(used) : choice;
    }

    private static SearchRange NarrowNumeric(TunableParameter parameter, IReadOnlyList<TrialResult> best, double min, double max, double padding, bool logarithmic)
    {
        Func<double, double> to = logarithmic ? Math.Log10 : v => v;
        Func<double, double> from = logarithmic ? v => Math.Pow(10, v) : v => v;
        double lowest = double.PositiveInfinity;
        double highest = double.NegativeInfinity;
        foreach (var trial in best)
        {
            double value = trial.Hyperparameters.Number(parameter);
            lowest = Math.Min(lowest, value);
            highest = Math.Max(highest, value);
        }

        double low = to(lowest);
        double high = to(highest);

        double pad = padding * (to(max) - to(min));
        if (low == high && pad == 0)
        {
            // One value and no padding: nothing to search any more.
            return ChoiceRange.Fixed(parameter.FormatSample(lowest));
        }

        double newMin = Math.Max(min, RoundDown(from(low - pad)));
        double newMax = Math.Min(max, RoundUp(from(high + pad)));
        if (parameter.Kind == ParameterKind.Integer)
        {
            newMin = Math.Floor(newMin);
            newMax = Math.Ceiling(newMax);
        }

        if (!(newMin < newMax))
        {
            return ChoiceRange.Fixed(parameter.FormatSample(lowest));
        }

        return logarithmic ? new LogUniformRange(newMin, newMax) : new UniformRange(newMin, newMax);
    }

    /// <summary>The largest two-significant-digit decimal not above <paramref name="value"/> (so specs stay readable).</summary>
    internal static double RoundDown(double value) => RoundTwoDigits(value, Math.Floor);

    /// <summary>The smallest two-significant-digit decimal not below <paramref name="value"/>.</summary>
    internal static double RoundUp(double value) => RoundTwoDigits(value, Math.Ceiling);

    private static double RoundTwoDigits(double value, Func<double, double> round)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value))) - 1;
        double mantissa = round(value / Math.Pow(10, exponent));
        // Parse the decimal text so the bound is the double nearest to it (prints as "0.0091", not "0.009100000000000001").
        return double.Parse($"{mantissa.ToString(CultureInfo.InvariantCulture)}e{exponent.ToString(CultureInfo.InvariantCulture)}", NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
