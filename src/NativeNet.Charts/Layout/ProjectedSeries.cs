using System.Text;
using NativeNet.Charts.Svg;

namespace NativeNet.Charts.Layout;

/// <summary>
/// A series mapped to pixels: its line as unbroken runs (split at undrawable points and cut at the
/// plot frame) and its marker positions inside the frame. Knows whether it crosses a box, which is
/// how the legend finds a free corner.
/// </summary>
internal sealed class ProjectedSeries
{
    /// <summary>Points closer than this to the previous one add nothing visible and are dropped.</summary>
    private const double MinStep = 0.4;

    private readonly List<List<(double X, double Y)>> _runs = [];
    private readonly List<(double X, double Y)> _markers = [];

    private ProjectedSeries(LineSeries series, string color, double markerRadius)
    {
        Series = series;
        Color = color;
        MarkerRadius = markerRadius;
    }

    public LineSeries Series { get; }

    public string Color { get; }

    public double MarkerRadius { get; }

    public static ProjectedSeries Project(LineSeries series, string color, PlotFrame frame, double markerRadius)
    {
        var projected = new ProjectedSeries(series, color, markerRadius);
        var plot = frame.Plot;
        var count = series.X.Count;
        var px = new double[count];
        var py = new double[count];
        for (var i = 0; i < count; i++)
        {
            px[i] = frame.X.ToPixel(series.X[i]);
            py[i] = frame.Y.ToPixel(series.Y[i]);
        }

        if (series.Line != LineStyle.None)
            projected.BuildRuns(plot, px, py);

        if (series.Marker != MarkerShape.None)
        {
            var every = Math.Max(1, series.MarkerEvery);
            var inside = plot.Inflate(0.01);
            for (var i = 0; i < count; i += every)
            {
                if (!double.IsNaN(px[i]) && !double.IsNaN(py[i]) && inside.Contains(px[i], py[i]))
                    projected._markers.Add((px[i], py[i]));
            }
        }

        return projected;
    }

    /// <summary>Whether any line segment or marker of this series touches <paramref name="box"/>.</summary>
    public bool Crosses(Box box)
    {
        foreach (var run in _runs)
        {
            for (var i = 1; i < run.Count; i++)
            {
                if (box.Intersects(run[i - 1].X, run[i - 1].Y, run[i].X, run[i].Y))
                    return true;
            }
        }

        var grown = box.Inflate(MarkerRadius);
        foreach (var (x, y) in _markers)
        {
            if (grown.Contains(x, y))
                return true;
        }

        return false;
    }

    public void Draw(SvgBuilder svg, string cssClass)
    {
        svg.Start("g").Attr("class", cssClass).Attr("data-name", Series.Name).Open();
        if (_runs.Count > 0)
        {
            var d = new StringBuilder();
            foreach (var run in _runs)
            {
                d.Append('M');
                for (var i = 0; i < run.Count; i++)
                {
                    if (i == 1)
                        d.Append('L');
                    else if (i > 1)
                        d.Append(' ');
                    d.Append(SvgFormat.Number(run[i].X)).Append(',').Append(SvgFormat.Number(run[i].Y));
                }
            }

            svg.Start("path").Attr("d", d.ToString()).Attr("fill", "none").Attr("stroke", Color)
                .Attr("stroke-width", Series.LineWidth).Attr("stroke-linejoin", "round");
            if (MarkerPainter.DashArray(Series.Line, Series.LineWidth) is { } dash)
                svg.Attr("stroke-dasharray", dash).Attr("stroke-linecap", "round");
            svg.End();
        }

        if (_markers.Count > 0)
        {
            MarkerPainter.OpenGroup(svg, Series.Marker, Color);
            foreach (var (x, y) in _markers)
                MarkerPainter.Draw(svg, Series.Marker, x, y, MarkerRadius);
            svg.Close();
        }

        svg.Close();
    }

    /// <summary>Splits the polyline at undrawable points and clips every segment to the plot box.</summary>
    private void BuildRuns(Box plot, double[] px, double[] py)
    {
        List<(double X, double Y)>? current = null;
        for (var i = 1; i < px.Length; i++)
        {
            double x0 = px[i - 1], y0 = py[i - 1], x1 = px[i], y1 = py[i];
            if (double.IsNaN(x0) || double.IsNaN(y0) || double.IsNaN(x1) || double.IsNaN(y1)
                || !SegmentClipper.Clip(plot, ref x0, ref y0, ref x1, ref y1, out var startMoved, out var endMoved))
            {
                current = null;
                continue;
            }

            if (current is null || startMoved)
            {
                current = [(x0, y0)];
                _runs.Add(current);
            }

            var last = current[^1];
            var isFinal = endMoved || i == px.Length - 1;
            if (isFinal || Math.Abs(x1 - last.X) + Math.Abs(y1 - last.Y) >= MinStep)
                current.Add((x1, y1));
            if (endMoved)
                current = null;
        }

        // A run that decimated to one point would draw nothing; keep it as a zero-length segment.
        foreach (var run in _runs)
        {
            if (run.Count == 1)
                run.Add(run[0]);
        }
    }
}
