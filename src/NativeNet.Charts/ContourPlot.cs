using System.Text;
using NativeNet.Charts.Layout;
using NativeNet.Charts.Svg;

namespace NativeNet.Charts;

/// <summary>
/// Contour lines of a function f(x, y) with paths drawn on top: e.g. the steps of SGD, Momentum,
/// AdaGrad and Adam on f(x, y) = x²/20 + y², with a + at the minimum.
/// </summary>
/// <remarks>
/// The function is sampled on a <see cref="Resolution"/> × <see cref="Resolution"/> grid and traced
/// with <see cref="MarchingSquares"/>. Contours are grey, darker toward lower levels; paths use the
/// palette and default to circle markers only if their <see cref="LineSeries.Marker"/> says so.
/// </remarks>
public sealed class ContourPlot : Chart
{
    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 560;

    /// <summary>Figure height in pixels.</summary>
    public double Height { get; init; } = 460;

    /// <summary>The function whose level sets are drawn.</summary>
    public required Func<double, double, double> Function { get; init; }

    /// <summary>The sampled and shown x range.</summary>
    public required ValueRange XRange { get; init; }

    /// <summary>The sampled and shown y range.</summary>
    public required ValueRange YRange { get; init; }

    /// <summary>Label under the x axis.</summary>
    public string? XLabel { get; init; } = "x";

    /// <summary>Label beside the y axis.</summary>
    public string? YLabel { get; init; } = "y";

    /// <summary>Samples per axis (3 to 1000).</summary>
    public int Resolution { get; init; } = 121;

    /// <summary>
    /// The function values to trace; <c>null</c> picks <see cref="LevelCount"/> levels between the
    /// sampled minimum and the 75th percentile (the far corners of the range say little), spaced
    /// quadratically so a bowl-shaped function gets evenly spaced rings.
    /// </summary>
    public IReadOnlyList<double>? Levels { get; init; }

    /// <summary>How many levels to pick when <see cref="Levels"/> is null.</summary>
    public int LevelCount { get; init; } = 10;

    /// <summary>Paths drawn over the contours, e.g. optimizer trajectories, with their legend names.</summary>
    public IReadOnlyList<LineSeries> Paths { get; init; } = [];

    /// <summary>Whether to draw a + at the minimum.</summary>
    public bool ShowMinimum { get; init; } = true;

    /// <summary>The known minimum; <c>null</c> marks the smallest sampled value.</summary>
    public Point2? Minimum { get; init; }

    /// <summary>Use the same pixels per unit on both axes, so circles look round.</summary>
    public bool EqualAspect { get; init; }

    /// <summary>Where the legend of the paths goes.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Marker width in pixels on the paths.</summary>
    public double MarkerSize { get; init; } = 6;

    internal override (double Width, double Height) FigureSize
    {
        get
        {
            ValidateSize(Width, Height);
            return (Width, Height);
        }
    }

    internal override IReadOnlyList<LegendEntry> LegendEntries
    {
        get
        {
            var entries = new List<LegendEntry>();
            for (var i = 0; i < Paths.Count; i++)
            {
                var p = Paths[i];
                if (!string.IsNullOrEmpty(p.Name))
                    entries.Add(new LegendEntry(p.Name, ColorOf(i), p.Marker, p.Line, p.LineWidth));
            }

            return entries;
        }
    }

    internal override void Render(SvgBuilder svg, Box region, bool showLegend)
    {
        ArgumentNullException.ThrowIfNull(Function, nameof(Function));
        ArgumentOutOfRangeException.ThrowIfLessThan(Resolution, 3, nameof(Resolution));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Resolution, 1000, nameof(Resolution));

        var xs = MarchingSquares.Linspace(XRange, Resolution);
        var ys = MarchingSquares.Linspace(YRange, Resolution);
        var values = MarchingSquares.Sample(Function, xs, ys);
        var levels = Levels ?? AutoLevels(values, LevelCount);

        var xAxis = new Axis(XLabel) { Range = XRange };
        var yAxis = new Axis(YLabel) { Range = YRange };
        var request = new FrameRequest(Title, xAxis, yAxis, Extent.Empty, Extent.Empty, FontSize) { EqualAspect = EqualAspect };
        var entries = showLegend ? LegendEntries : [];
        var placement = new LegendPlacer(entries, Legend, FontSize);
        var frame = PlotFrame.Create(region, request with { RightReserve = placement.OutsideReserve });
        var projected = Project(frame);
        if (!placement.TryPlace(frame.Plot, projected))
        {
            frame = PlotFrame.Create(region, request with { RightReserve = placement.OutsideReserve });
            projected = Project(frame);
            placement.TryPlace(frame.Plot, projected);
        }

        frame.DrawAxes(svg);
        DrawContours(svg, frame, values, xs, ys, levels);
        foreach (var path in projected)
            path.Draw(svg, "path");
        // On top of the paths, which usually end on it.
        if (ShowMinimum)
            DrawMinimum(svg, frame, Minimum ?? GridMinimum(values, xs, ys));
        placement.Draw(svg);
    }

    /// <summary>Levels from the minimum to the 75th percentile of the finite samples, spaced as (k / n)².</summary>
    internal static double[] AutoLevels(double[] values, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(LevelCount));
        var finite = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
                finite.Add(v);
        }

        if (finite.Count == 0)
            return [];
        finite.Sort();
        var lo = finite[0];
        var hi = finite[(int)((finite.Count - 1) * 0.75)];
        if (!(hi > lo))
            return [];
        var levels = new double[count];
        for (var k = 1; k <= count; k++)
        {
            var t = (double)k / count;
            levels[k - 1] = lo + (hi - lo) * t * t;
        }

        return levels;
    }

    private List<ProjectedSeries> Project(PlotFrame frame)
    {
        var projected = new List<ProjectedSeries>(Paths.Count);
        for (var i = 0; i < Paths.Count; i++)
            projected.Add(ProjectedSeries.Project(Paths[i], ColorOf(i), frame, MarkerSize / 2));
        return projected;
    }

    private string ColorOf(int index) => Paths[index].Color ?? ChartPalette.Color(index);

    private static void DrawContours(SvgBuilder svg, PlotFrame frame, double[] values, double[] xs, double[] ys, IReadOnlyList<double> levels)
    {
        svg.Start("g").Attr("class", "contours").Attr("fill", "none").Attr("stroke-width", 1).Open();
        for (var k = 0; k < levels.Count; k++)
        {
            var lines = ContourJoiner.Join(MarchingSquares.Trace(values, xs, ys, levels[k]));
            var d = new StringBuilder();
            foreach (var line in lines)
            {
                var start = d.Length;
                var written = 0;
                foreach (var point in line)
                {
                    var px = frame.X.ToPixel(point.X);
                    var py = frame.Y.ToPixel(point.Y);
                    if (double.IsNaN(px) || double.IsNaN(py))
                        continue;
                    d.Append(written == 0 ? 'M' : written == 1 ? 'L' : ' ')
                        .Append(SvgFormat.Number(px)).Append(',').Append(SvgFormat.Number(py));
                    written++;
                }

                if (written < 2)
                    d.Length = start;
            }

            if (d.Length == 0)
                continue;
            // Grey from dark (low levels, near the minimum) to light.
            var shade = levels.Count == 1 ? 110 : 90 + (int)(110.0 * k / (levels.Count - 1));
            var grey = $"#{shade:X2}{shade:X2}{shade:X2}";
            svg.Start("path").Attr("d", d.ToString()).Attr("stroke", grey)
                .Attr("data-level", levels[k].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)).End();
        }

        svg.Close();
    }

    private static void DrawMinimum(SvgBuilder svg, PlotFrame frame, Point2 minimum)
    {
        var px = frame.X.ToPixel(minimum.X);
        var py = frame.Y.ToPixel(minimum.Y);
        if (double.IsNaN(px) || double.IsNaN(py) || !frame.Plot.Contains(px, py))
            return;
        svg.Start("g").Attr("class", "minimum").Attr("fill", "none").Open();
        // A white halo keeps the + visible over path markers of any colour.
        svg.Start("g").Attr("stroke", "white").Attr("stroke-width", 4.5).Open();
        MarkerPainter.Draw(svg, MarkerShape.Plus, px, py, 6);
        svg.Close();
        svg.Start("g").Attr("stroke", "#000000").Attr("stroke-width", 2).Open();
        MarkerPainter.Draw(svg, MarkerShape.Plus, px, py, 6);
        svg.Close();
        svg.Close();
    }

    private static Point2 GridMinimum(double[] values, double[] xs, double[] ys)
    {
        var best = -1;
        for (var n = 0; n < values.Length; n++)
        {
            if (double.IsFinite(values[n]) && (best < 0 || values[n] < values[best]))
                best = n;
        }

        return best < 0 ? new Point2(double.NaN, double.NaN) : new Point2(xs[best % xs.Length], ys[best / xs.Length]);
    }
}
