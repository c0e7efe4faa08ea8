using FsCheck;
using FsCheck.Fluent;
using NativeNet.Charts;

namespace NativeNet.Tests.Charts;

public class NiceTicksTests
{
    [Fact]
    public void Unit_interval_gets_steps_of_point_two()
    {
        var ticks = NiceTicks.Covering(0, 1, maxTicks: 6);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks.Values);
        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Labels);
        Assert.Equal(new ValueRange(0, 1), ticks.Range);
    }

    [Fact]
    public void Iterations_widen_to_the_next_nice_tick()
    {
        var ticks = NiceTicks.Covering(0, 1999, maxTicks: 6);
        Assert.Equal([0, 500, 1000, 1500, 2000], ticks.Values);
    }

    [Fact]
    public void Decimal_ticks_are_the_nearest_doubles()
    {
        var ticks = NiceTicks.Covering(0.1, 0.7, maxTicks: 7);
        Assert.Contains(0.3, ticks.Values);
        Assert.Equal(["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], ticks.Labels);
    }

    [Fact]
    public void Constant_data_is_padded_around_the_value()
    {
        var ticks = NiceTicks.Covering(5, 5);
        Assert.True(ticks.Range.Min < 5 && ticks.Range.Max > 5);
        var zero = NiceTicks.Covering(0, 0);
        Assert.True(zero.Range.Min < 0 && zero.Range.Max > 0);
    }

    [Fact]
    public void Within_keeps_the_range_and_ticks_its_ends_when_they_are_nice()
    {
        var ticks = NiceTicks.Within(-10, 10, maxTicks: 5);
        Assert.Equal(new ValueRange(-10, 10), ticks.Range);
        Assert.Equal([-10, -5, 0, 5, 10], ticks.Values);
    }

    [Fact]
    public void Tiny_and_huge_steps_use_exponent_labels()
    {
        Assert.Equal("2e-5", NiceTicks.FormatLinear(2e-5, 1e-5));
        Assert.Equal("3e6", NiceTicks.FormatLinear(3e6, 1e6));
        Assert.Equal("0", NiceTicks.FormatLinear(0, 1e-5));
    }

    [Fact]
    public void Covering_ticks_are_nice_and_cover_the_data_for_any_range()
    {
        var gen =
            from a in Gen.Choose(-1_000_000, 1_000_000)
            from b in Gen.Choose(1, 1_000_000)
            from exponent in Gen.Choose(-9, 9)
            from maxTicks in Gen.Choose(2, 12)
            select (Min: a * Math.Pow(10, exponent - 3), Max: (a + (double)b) * Math.Pow(10, exponent - 3), MaxTicks: maxTicks);

        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var ticks = NiceTicks.Covering(c.Min, c.Max, c.MaxTicks);
            AssertNice(ticks.Values);
            Assert.InRange(ticks.Values.Count, 2, Math.Max(3, c.MaxTicks));
            Assert.True(ticks.Values[0] <= c.Min, $"first tick {ticks.Values[0]} > min {c.Min}");
            Assert.True(ticks.Values[^1] >= c.Max, $"last tick {ticks.Values[^1]} < max {c.Max}");
            Assert.Equal(ticks.Values[0], ticks.Range.Min);
            Assert.Equal(ticks.Values[^1], ticks.Range.Max);
            Assert.Equal(ticks.Values.Count, ticks.Labels.Distinct().Count());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Within_ticks_are_nice_and_inside_the_range()
    {
        var gen =
            from a in Gen.Choose(-100_000, 100_000)
            from b in Gen.Choose(1, 100_000)
            from maxTicks in Gen.Choose(2, 12)
            select (Min: a / 100.0, Max: (a + (double)b) / 100.0, MaxTicks: maxTicks);

        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var ticks = NiceTicks.Within(c.Min, c.Max, c.MaxTicks);
            Assert.Equal(new ValueRange(c.Min, c.Max), ticks.Range);
            Assert.InRange(ticks.Values.Count, 1, c.MaxTicks == 2 ? 4 : c.MaxTicks);
            if (ticks.Values.Count > 1)
                AssertNice(ticks.Values);
            var slack = (c.Max - c.Min) * 1e-9;
            Assert.All(ticks.Values, v => Assert.InRange(v, c.Min - slack, c.Max + slack));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Log_ticks_over_many_decades_are_powers_of_ten()
    {
        var ticks = NiceTicks.Log(3e-7, 2e-2, covering: true, maxTicks: 8);
        Assert.Equal([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1], ticks.Values);
        Assert.Equal("10⁻⁷", ticks.Labels[0]);
        Assert.Equal("10⁻¹", ticks.Labels[^1]);
    }

    [Fact]
    public void Log_ticks_over_a_narrow_range_use_one_two_five()
    {
        var ticks = NiceTicks.Log(0.12, 2.3, covering: true, maxTicks: 8);
        Assert.Equal([0.1, 0.2, 0.5, 1, 2, 5], ticks.Values);
        Assert.Equal(["0.1", "0.2", "0.5", "1", "2", "5"], ticks.Labels);
    }

    [Theory]
    [InlineData(0.0, 10.0)]
    [InlineData(-1.0, 10.0)]
    [InlineData(-5.0, -1.0)]
    public void Log_ticks_reject_non_positive_ranges(double min, double max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Log(min, max, covering: true));
        Assert.Contains("positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_bounds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Covering(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Covering(0, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Covering(0, 1, maxTicks: 1));
    }

    /// <summary>Equal spacing, a step of 1, 2 or 5 × 10^k, and every tick a whole multiple of the step.</summary>
    private static void AssertNice(IReadOnlyList<double> values)
    {
        var step = values[1] - values[0];
        Assert.True(step > 0);
        var exponent = Math.Floor(Math.Log10(step) + 1e-9);
        var mantissa = step / Math.Pow(10, exponent);
        Assert.True(new[] { 1.0, 2.0, 5.0 }.Any(m => Math.Abs(m - mantissa) < 1e-6), $"step {step} is not 1, 2 or 5 × 10^k");
        for (var i = 1; i < values.Count; i++)
        {
            Assert.Equal(step, values[i] - values[i - 1], step * 1e-6);
            var multiple = values[i] / step;
            Assert.Equal(Math.Round(multiple), multiple, 1e-6 * Math.Max(1, Math.Abs(multiple)));
        }
    }
}
