using System.Globalization;

namespace NativeNet.Charts;

/// <summary>
/// Chooses axis ticks with the "nice numbers" rule (Heckbert, Graphics Gems 1990): the step is
/// 1, 2 or 5 × 10^k, the smallest such step that yields at most the requested number of ticks,
/// and every tick is an integer multiple of the step.
/// </summary>
public static class NiceTicks
{
    private static readonly int[] _mantissas = [1, 2, 5];

    /// <summary>
    /// Ticks whose outer values enclose [<paramref name="min"/>, <paramref name="max"/>]; the range is
    /// widened to them. At most <paramref name="maxTicks"/> ticks, except that enclosing a range that
    /// straddles a tick (such as 0) can need three.
    /// </summary>
    /// <param name="min">Smallest data value.</param>
    /// <param name="max">Largest data value (equal to <paramref name="min"/> is allowed; the range is then padded).</param>
    /// <param name="maxTicks">Upper bound on the number of ticks, at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, <paramref name="min"/> &gt; <paramref name="max"/>, or <paramref name="maxTicks"/> &lt; 2.</exception>
    public static TickSet Covering(double min, double max, int maxTicks = 6)
    {
        (min, max) = Validate(min, max, maxTicks);
        foreach (var (mantissa, exponent) in StepCandidates(max - min, maxTicks))
        {
            var step = Scaled(mantissa, exponent);
            var first = Math.Floor(min / step);
            if (Tick(first, mantissa, exponent) > min)
                first--;
            var last = Math.Ceiling(max / step);
            if (Tick(last, mantissa, exponent) < max)
                last++;
            // A step as wide as the span gives at most 3 ticks; that is the floor when the range straddles one.
            if (last - first + 1 <= maxTicks || step >= max - min)
                return Build(first, last, mantissa, exponent, null);
        }

        throw new InvalidOperationException("unreachable: a step of the whole span always fits");
    }

    /// <summary>
    /// Ticks inside the fixed range [<paramref name="min"/>, <paramref name="max"/>]; the range is kept
    /// as given. At least one tick; at most <paramref name="maxTicks"/>, except when only a denser
    /// step puts any tick inside the range.
    /// </summary>
    /// <param name="min">Lower end of the axis.</param>
    /// <param name="max">Upper end of the axis, greater than <paramref name="min"/>.</param>
    /// <param name="maxTicks">Upper bound on the number of ticks, at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, <paramref name="min"/> ≥ <paramref name="max"/>, or <paramref name="maxTicks"/> &lt; 2.</exception>
    public static TickSet Within(double min, double max, int maxTicks = 6)
    {
        var range = new ValueRange(min, max);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        // Ticks within a hair of an end count as inside, so [0, 1] gets ticks at 0 and 1.
        var slack = range.Span * 1e-9;
        TickSet? denser = null;
        foreach (var (mantissa, exponent) in StepCandidates(range.Span, maxTicks))
        {
            var step = Scaled(mantissa, exponent);
            var first = Math.Ceiling(min / step);
            if (Tick(first, mantissa, exponent) < min - slack)
                first++;
            var last = Math.Floor(max / step);
            if (Tick(last, mantissa, exponent) > max + slack)
                last--;
            var count = last - first + 1;
            // With maxTicks = 2 the step can jump from three ticks inside to none: keep the three then.
            if (count <= 0 && denser is not null)
                return denser;
            if (count <= maxTicks)
                return Build(first, last, mantissa, exponent, range);
            if (count <= 2 * maxTicks)
                denser = Build(first, last, mantissa, exponent, range);
        }

        throw new InvalidOperationException("unreachable: a step of the whole span always fits");
    }

    /// <summary>
    /// Ticks for a log10 axis. Ranges of up to about two decades get ticks at 1, 2 and 5 × 10^k;
    /// wider ranges get ticks at powers of ten (every n-th decade when there are many), labelled 10ⁿ.
    /// </summary>
    /// <param name="min">Smallest value, positive.</param>
    /// <param name="max">Largest value, ≥ <paramref name="min"/>.</param>
    /// <param name="covering"><c>true</c> to widen the range to the outer ticks; <c>false</c> to keep it and tick inside.</param>
    /// <param name="maxTicks">Upper bound on the number of ticks, at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or <paramref name="min"/> &gt; <paramref name="max"/>.</exception>
    public static TickSet Log(double min, double max, bool covering, int maxTicks = 6)
    {
        if (!(min > 0) || !double.IsFinite(min))
            throw new ArgumentOutOfRangeException(nameof(min), min, "A log-scale axis needs a positive range; its minimum is not positive.");
        if (!(max > 0) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(max), max, "A log-scale axis needs a positive range; its maximum is not positive.");
        if (min > max)
            throw new ArgumentOutOfRangeException(nameof(max), max, $"min {min} is greater than max {max}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        if (min == max)
        {
            min /= 2;
            max *= 2;
        }

        var onetwofive = LogOneTwoFive(min, max, covering);
        if (onetwofive.Count <= maxTicks && onetwofive.Count >= 2)
            return LogTickSet(onetwofive, min, max, covering, decades: false);
        // A fixed range narrower than the gap between 1-2-5 ticks: plain linear ticks still read well.
        if (!covering && onetwofive.Count < 2)
            return Within(min, max, maxTicks);

        var lo = Math.Log10(min);
        var hi = Math.Log10(max);
        foreach (var stride in (ReadOnlySpan<int>)[1, 2, 3, 5, 10, 20, 50, 100])
        {
            var first = covering ? Math.Floor(lo / stride) : Math.Ceiling(lo / stride - 1e-9);
            var last = covering ? Math.Ceiling(hi / stride) : Math.Floor(hi / stride + 1e-9);
            if (last - first + 1 > maxTicks)
                continue;
            var values = new List<double>();
            for (var k = first; k <= last; k++)
                values.Add(PowerOfTen((int)(k * stride)));
            return LogTickSet(values, min, max, covering, decades: true);
        }

        throw new ArgumentOutOfRangeException(nameof(max), max, "The range spans too many decades to label.");
    }

    /// <summary>Formats a tick value with just enough decimals for ticks <paramref name="step"/> apart.</summary>
    /// <param name="value">The tick value.</param>
    /// <param name="step">Distance between neighbouring ticks (positive).</param>
    public static string FormatLinear(double value, double step)
    {
        if (value == 0)
            return "0";
        var magnitude = Math.Max(Math.Abs(value), step);
        if (magnitude >= 1e6 || step < 1e-4)
            return value.ToString("0.#####e0", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 10);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static (double Min, double Max) Validate(double min, double max, int maxTicks)
    {
        if (!double.IsFinite(min))
            throw new ArgumentOutOfRangeException(nameof(min), min, "Tick range ends must be finite.");
        if (!double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(max), max, "Tick range ends must be finite.");
        if (min > max)
            throw new ArgumentOutOfRangeException(nameof(max), max, $"min {min} is greater than max {max}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        var magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        // A span lost in rounding (a constant series) is padded so the line sits mid-axis.
        if (max - min <= magnitude * 1e-12)
        {
            var pad = magnitude == 0 ? 1 : magnitude * 0.1;
            return (min - pad, max + pad);
        }

        return (min, max);
    }

    /// <summary>Nice steps in increasing order, from a bit below span / maxTicks upward.</summary>
    private static IEnumerable<(int Mantissa, int Exponent)> StepCandidates(double span, int maxTicks)
    {
        var exponent = (int)Math.Floor(Math.Log10(span / maxTicks)) - 1;
        while (true)
        {
            foreach (var mantissa in _mantissas)
                yield return (mantissa, exponent);
            exponent++;
        }
    }

    /// <summary>k × m × 10^e, computed so that decimal ticks come out as the nearest double (0.3, not 0.30000000000000004).</summary>
    private static double Tick(double k, int mantissa, int exponent) =>
        exponent >= 0 ? k * mantissa * PowerOfTen(exponent) : k * mantissa / PowerOfTen(-exponent);

    private static double Scaled(int mantissa, int exponent) => Tick(1, mantissa, exponent);

    private static double PowerOfTen(int exponent) =>
        double.Parse("1e" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static TickSet Build(double first, double last, int mantissa, int exponent, ValueRange? fixedRange)
    {
        var step = Scaled(mantissa, exponent);
        var values = new double[(int)(last - first + 1)];
        var labels = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Tick(first + i, mantissa, exponent);
            labels[i] = FormatLinear(values[i], step);
        }

        var range = fixedRange ?? new ValueRange(values[0], values[^1]);
        return new TickSet(values, labels, range);
    }

    private static List<double> LogOneTwoFive(double min, double max, bool covering)
    {
        var values = new List<double>();
        var decade = (int)Math.Floor(Math.Log10(min)) - 1;
        var below = double.NaN;
        while (true)
        {
            foreach (var mantissa in _mantissas)
            {
                var value = Tick(mantissa, 1, decade);
                if (value < min * (1 - 1e-12))
                {
                    below = value;
                    continue;
                }

                if (values.Count == 0 && covering && value > min && !double.IsNaN(below))
                    values.Add(below);
                if (value > max * (1 + 1e-12))
                {
                    if (covering)
                        values.Add(value);
                    return values;
                }

                values.Add(value);
                if (values.Count > 64)
                    return values;
            }

            decade++;
        }
    }

    private static TickSet LogTickSet(List<double> values, double min, double max, bool covering, bool decades)
    {
        var labels = new string[values.Count];
        for (var i = 0; i < labels.Length; i++)
            labels[i] = decades ? PowerLabel(values[i]) : FormatLogValue(values[i]);
        var range = covering ? new ValueRange(values[0], values[^1]) : new ValueRange(min, max);
        return new TickSet(values, labels, range);
    }

    private static string FormatLogValue(double value) =>
        value < 1e-4 || value >= 1e6
            ? value.ToString("0e0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>"10" followed by the exponent in Unicode superscript digits, e.g. 10⁻³.</summary>
    private static string PowerLabel(double value)
    {
        var exponent = (int)Math.Round(Math.Log10(value));
        const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var digits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        var chars = new char[digits.Length];
        for (var i = 0; i < digits.Length; i++)
            chars[i] = Superscripts[digits[i] - '0'];
        return "10" + (exponent < 0 ? "⁻" : "") + new string(chars);
    }
}
