using OxyPlot;
using OxyPlot.Series;

namespace NativeNet.Cli.Figures;

/// <summary>
/// Contour lines of f(x, y) (OxyPlot's contour series, grey, darker toward lower levels) with paths on top,
/// e.g. the steps of SGD, Momentum, AdaGrad and Adam on x²/20 + y², and a + at the minimum.
/// </summary>
internal static class ContourPlot
{
    /// <summary>Samples <paramref name="function"/> on a <paramref name="resolution"/>² grid and traces <paramref name="levels"/>.</summary>
    /// <param name="title">Panel title.</param>
    /// <param name="function">The function whose level sets are drawn.</param>
    /// <param name="x">The sampled and shown x range.</param>
    /// <param name="y">The sampled and shown y range.</param>
    /// <param name="levels">The traced function values, ascending.</param>
    /// <param name="paths">Drawn over the contours in order; their colours follow the palette by path number unless set.</param>
    /// <param name="minimum">Where the + goes.</param>
    /// <param name="axisTitles">Titles of the x and y axis.</param>
    /// <param name="equalAspect">Same pixels per unit on both axes, so circles look round.</param>
    /// <param name="resolution">Samples per axis.</param>
    public static PlotModel Create(string? title, Func<double, double, double> function, (double Min, double Max) x, (double Min, double Max) y,
        IReadOnlyList<double> levels, IReadOnlyList<Curve> paths, (double X, double Y) minimum, (string X, string Y) axisTitles, bool equalAspect = false, int resolution = 121)
    {
        var xs = Linspace(x.Min, x.Max, resolution);
        var ys = Linspace(y.Min, y.Max, resolution);
        var data = new double[resolution, resolution];
        for (var i = 0; i < resolution; i++)
        {
            for (var j = 0; j < resolution; j++)
                data[i, j] = function(xs[i], ys[j]);
        }

        var colors = new OxyColor[levels.Count];
        for (var k = 0; k < colors.Length; k++)
        {
            // Grey from #606060 at the lowest level to #C8C8C8 at the highest.
            var shade = (byte)(0x60 + (0xC8 - 0x60) * k / Math.Max(1, colors.Length - 1));
            colors[k] = OxyColor.FromRgb(shade, shade, shade);
        }

        var model = Plots.Lines(title, Plots.Linear(axisTitles.X, x.Min, x.Max), Plots.Linear(axisTitles.Y, y.Min, y.Max));
        if (equalAspect)
            model.PlotType = PlotType.Cartesian;
        model.Series.Add(new ContourSeries
        {
            ColumnCoordinates = xs,
            RowCoordinates = ys,
            Data = data,
            ContourLevels = [.. levels],
            ContourColors = colors,
            StrokeThickness = 1,
            RenderInLegend = false,
            // Set, so the contours do not take the first palette colour from the paths.
            Color = OxyColors.Gray,
        });
        foreach (var path in paths)
            model.Series.Add(path);
        model.Series.Add(new LineSeries
        {
            Points = { new DataPoint(minimum.X, minimum.Y) },
            LineStyle = LineStyle.None,
            MarkerType = MarkerType.Plus,
            MarkerSize = 7,
            MarkerStroke = OxyColors.Black,
            MarkerStrokeThickness = 2,
            Color = OxyColors.Black,
            RenderInLegend = false,
        });
        return model;
    }

    /// <summary>Levels for a bowl-shaped function: quadratically spaced from just above its minimum to <paramref name="top"/>.</summary>
    public static double[] BowlLevels(double top, int count)
    {
        var levels = new double[count];
        for (var k = 0; k < count; k++)
        {
            var t = (k + 1.0) / count;
            levels[k] = top * t * t;
        }

        return levels;
    }

    private static double[] Linspace(double min, double max, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = min + (max - min) * i / (count - 1);
        return values;
    }
}
