using OxyPlot;
using OxyPlot.Series;

namespace NativeNet.Cli.Figures;

/// <summary>A histogram of counts in equal-width bins, as OxyPlot histogram bars.</summary>
internal static class HistogramPlot
{
    /// <summary>
    /// Counts <paramref name="values"/> into <paramref name="bins"/> equal bins over [<paramref name="min"/>, <paramref name="max"/>]
    /// with numpy's edge rule: bin i holds [edge i, edge i+1), the last bin also the maximum; values outside, NaN and
    /// infinities are not counted.
    /// </summary>
    public static long[] Count(IReadOnlyList<double> values, int bins, double min, double max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var counts = new long[bins];
        var scale = bins / (max - min);
        foreach (var value in values)
        {
            if (!(value >= min && value <= max))
                continue;
            // Rounding can put a value just below the maximum at index bins: it belongs to the last bin.
            counts[Math.Min((int)((value - min) * scale), bins - 1)]++;
        }

        return counts;
    }

    /// <summary>A plot of the counts of <paramref name="values"/>; the x axis shows exactly the binned range, the y axis starts at 0.</summary>
    public static PlotModel Create(string? title, IReadOnlyList<double> values, int bins, double min, double max, string? xTitle, string? yTitle, double fontSize = 12)
    {
        var counts = Count(values, bins, min, max);
        var width = (max - min) / bins;
        var series = new HistogramSeries
        {
            FillColor = ChartPalette.Color(0),
            StrokeColor = OxyColors.White,
            StrokeThickness = 0.5,
        };
        for (var b = 0; b < bins; b++)
        {
            var start = min + b * width;
            var end = b == bins - 1 ? max : start + width;
            // OxyPlot draws a bar's height as area / width: area = count × width gives counts on the y axis.
            series.Items.Add(new HistogramItem(start, end, counts[b] * (end - start), (int)counts[b]));
        }

        var countAxis = Plots.Linear(yTitle, 0);
        countAxis.MaximumPadding = 0.05;
        var model = Plots.Lines(title, Plots.Linear(xTitle, min, max), countAxis, fontSize);
        model.Series.Add(series);
        return model;
    }
}
