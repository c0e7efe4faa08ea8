using System.Globalization;
using NativeNet.Charts;
using static NativeNet.Tests.Charts.ChartTestHelpers;

namespace NativeNet.Tests.Charts;

public class HistogramTests
{
    private static double[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = random.NextDouble() * 1.4 - 0.2; // some fall outside [0, 1]
        return values;
    }

    /// <summary>The plain definition: bin i holds [min + i·w, min + (i+1)·w), the last bin includes max.</summary>
    private static int[] ReferenceCounts(double[] values, int bins, double min, double max)
    {
        var counts = new int[bins];
        var width = (max - min) / bins;
        foreach (var v in values)
        {
            if (double.IsNaN(v) || v < min || v > max)
                continue;
            var bin = v == max ? bins - 1 : (int)Math.Floor((v - min) / width);
            counts[Math.Min(bin, bins - 1)]++;
        }

        return counts;
    }

    [Fact]
    public void Bin_counts_match_the_plain_definition()
    {
        var values = RandomValues(5000, seed: 7);
        values[0] = 1.0;
        values[1] = 0.0;
        values[2] = double.NaN;
        values[3] = double.PositiveInfinity;

        var counts = HistogramBins.Count(values, 30, new ValueRange(0, 1));

        Assert.Equal(ReferenceCounts(values, 30, 0, 1), counts);
    }

    [Fact]
    public void Bars_carry_the_bin_counts_and_sum_to_the_values_in_range()
    {
        var values = RandomValues(2000, seed: 11);
        var histogram = new Histogram { Values = values, Bins = 20, XAxis = new Axis("activation") { Range = new ValueRange(0, 1) } };

        var bars = WithClass(Parse(histogram.ToSvg()), "bars").Single().Elements(Svg("rect")).ToList();
        var barCounts = bars.Select(b => int.Parse((string)b.Attribute("data-count")!, CultureInfo.InvariantCulture)).ToList();

        var expected = ReferenceCounts(values, 20, 0, 1).Where(c => c > 0).ToList();
        Assert.Equal(expected, barCounts);
        Assert.Equal(values.Count(v => v is >= 0 and <= 1), barCounts.Sum());
    }

    [Fact]
    public void Without_a_range_the_bins_span_the_data_and_count_everything()
    {
        var values = RandomValues(999, seed: 3);
        var bars = WithClass(Parse(new Histogram { Values = values }.ToSvg()), "bars").Single().Elements(Svg("rect"));
        Assert.Equal(999, bars.Sum(b => int.Parse((string)b.Attribute("data-count")!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Taller_bars_have_more_counts()
    {
        var histogram = new Histogram { Values = [0.1, 0.1, 0.1, 0.6], Bins = 2, XAxis = new Axis { Range = new ValueRange(0, 1) } };
        var bars = WithClass(Parse(histogram.ToSvg()), "bars").Single().Elements(Svg("rect"))
            .Select(b => double.Parse((string)b.Attribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(3 * bars[1], bars[0], 1e-6 * bars[0] + 0.02);
    }

    [Fact]
    public void Empty_and_constant_inputs_still_render()
    {
        Assert.Equal(0, BarCountSum(new Histogram()));
        Assert.Equal(3, BarCountSum(new Histogram { Values = [2, 2, 2] }));
        Assert.Equal(0, BarCountSum(new Histogram { Values = [double.NaN] }));
    }

    /// <summary>The counts the bars carry, summed; 0 when the chart has no bars at all.</summary>
    private static int BarCountSum(Histogram histogram)
    {
        var bars = WithClass(Parse(histogram.ToSvg()), "bars").SelectMany(g => g.Elements(Svg("rect")));
        return bars.Sum(b => int.Parse((string)b.Attribute("data-count")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_row_of_histograms_is_one_svg_with_a_cell_per_layer()
    {
        var cells = Enumerable.Range(0, 5)
            .Select(layer => (Chart)new Histogram { Title = $"{layer + 1}-layer", Values = RandomValues(100, layer) })
            .ToList();
        var document = Parse(ChartGrid.Row("activations", cells).ToSvg());

        Assert.Equal(5, WithClass(document, "cell").Count());
        Assert.Equal(5, WithClass(document, "bars").Count());
        Assert.Equal(5 * 300, double.Parse((string)document.Root!.Attribute("width")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Bin_count_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramBins.Count([1.0], 0, new ValueRange(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Histogram { Bins = 0, Values = [1.0] }.ToSvg());
    }
}
