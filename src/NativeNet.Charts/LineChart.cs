using NativeNet.Charts.Layout;
using NativeNet.Charts.Svg;

namespace NativeNet.Charts;

/// <summary>
/// Curves on linear or log axes: loss and accuracy per iteration or epoch, a function with its
/// tangent, gradient-descent paths. Axes fit the data with nice ticks unless fixed; the legend finds
/// a free corner of the plot or moves outside.
/// </summary>
/// <example>
/// <code>
/// var chart = new LineChart
/// {
///     Title = "Optimizers on MNIST",
///     XAxis = new Axis("iteration"),
///     YAxis = new Axis("loss") { Scale = AxisScale.Log },
///     Series = [LineSeries.FromValues("SGD", sgdLoss), LineSeries.FromValues("Adam", adamLoss)],
/// };
/// chart.Save("optimizers.svg");
/// </code>
/// </example>
public sealed class LineChart : Chart
{
    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Figure height in pixels.</summary>
    public double Height { get; init; } = 420;

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; init; } = new();

    /// <summary>The vertical axis.</summary>
    public Axis YAxis { get; init; } = new();

    /// <summary>The curves, drawn in order (later on top); unset colours follow <see cref="ChartPalette"/> by position.</summary>
    public IReadOnlyList<LineSeries> Series { get; init; } = [];

    /// <summary>Where the legend goes; series with an empty name are left out of it.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Marker width in pixels.</summary>
    public double MarkerSize { get; init; } = 7;

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
            for (var i = 0; i < Series.Count; i++)
            {
                var s = Series[i];
                if (!string.IsNullOrEmpty(s.Name))
                    entries.Add(new LegendEntry(s.Name, ColorOf(i), s.Marker, s.Line, s.LineWidth));
            }

            return entries;
        }
    }

    internal override void Render(SvgBuilder svg, Box region, bool showLegend)
    {
        var xData = Extent.Empty;
        var yData = Extent.Empty;
        foreach (var s in Series)
        {
            xData.Include(s.X, XAxis.Scale);
            yData.Include(s.Y, YAxis.Scale);
        }

        var request = new FrameRequest(Title, XAxis, YAxis, xData, yData, FontSize);
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
        foreach (var series in projected)
            series.Draw(svg, "series");
        placement.Draw(svg);
    }

    private List<ProjectedSeries> Project(PlotFrame frame)
    {
        var projected = new List<ProjectedSeries>(Series.Count);
        for (var i = 0; i < Series.Count; i++)
            projected.Add(ProjectedSeries.Project(Series[i], ColorOf(i), frame, MarkerSize / 2));
        return projected;
    }

    private string ColorOf(int index) => Series[index].Color ?? ChartPalette.Color(index);
}
