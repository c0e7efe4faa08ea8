using System.Globalization;
using NativeNet.Charts.Layout;
using NativeNet.Charts.Svg;

namespace NativeNet.Charts;

/// <summary>
/// A histogram of one set of values as bars: e.g. the activations of one layer. Several of them
/// side by side (one per layer) come from <see cref="ChartGrid.Row"/>.
/// </summary>
public sealed class Histogram : Chart
{
    /// <summary>Figure width in pixels.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Figure height in pixels.</summary>
    public double Height { get; init; } = 420;

    /// <summary>The values to count; NaN and infinities are ignored.</summary>
    public IReadOnlyList<double> Values { get; init; } = [];

    /// <summary>Number of equal-width bins.</summary>
    public int Bins { get; init; } = 30;

    /// <summary>
    /// Label and bin range of the x axis: <see cref="Axis.Range"/> fixes the range that is binned
    /// (values outside are not counted); without it, the bins span the finite data. Must be linear.
    /// </summary>
    public Axis XAxis { get; init; } = new();

    /// <summary>Label and optional fixed count range of the y axis (the axis starts at 0 otherwise). Must be linear.</summary>
    public Axis YAxis { get; init; } = new();

    /// <summary>Bar colour; the first palette colour by default.</summary>
    public string Color { get; init; } = ChartPalette.Color(0);

    internal override (double Width, double Height) FigureSize
    {
        get
        {
            ValidateSize(Width, Height);
            return (Width, Height);
        }
    }

    /// <summary>The range that is binned: the fixed x range, the finite data range, or [0, 1] without data.</summary>
    internal ValueRange BinRange()
    {
        if (XAxis.Range is { } fixedRange)
            return fixedRange;
        var data = Extent.Empty;
        data.Include(Values, AxisScale.Linear);
        if (data.IsEmpty)
            return new ValueRange(0, 1);
        return data.Min < data.Max ? new ValueRange(data.Min, data.Max) : new ValueRange(data.Min - 0.5, data.Max + 0.5);
    }

    internal override void Render(SvgBuilder svg, Box region, bool showLegend)
    {
        if (XAxis.Scale != AxisScale.Linear || YAxis.Scale != AxisScale.Linear)
            throw new ArgumentException("Histogram axes must be linear.", nameof(XAxis));
        ArgumentOutOfRangeException.ThrowIfLessThan(Bins, 1, nameof(Bins));

        var range = BinRange();
        var values = Values as double[] ?? [.. Values];
        var counts = HistogramBins.Count(values, Bins, range);
        var edges = HistogramBins.Edges(Bins, range);

        var xData = Extent.Empty;
        xData.Include(range.Min, AxisScale.Linear);
        xData.Include(range.Max, AxisScale.Linear);
        var yData = Extent.Empty;
        yData.Include(0, AxisScale.Linear);
        foreach (var count in counts)
            yData.Include(count, AxisScale.Linear);

        // Bars fill the binned range exactly, so a fitted x axis keeps that range instead of widening.
        var xAxis = XAxis.Range is null ? XAxis with { Range = range } : XAxis;
        var frame = PlotFrame.Create(region, new FrameRequest(Title, xAxis, YAxis, xData, yData, FontSize));
        frame.DrawAxes(svg);

        var plot = frame.Plot;
        var zero = Math.Clamp(frame.Y.ToPixel(0), plot.Y, plot.Bottom);
        svg.Start("g").Attr("class", "bars").Attr("fill", Color).Attr("stroke", "white").Attr("stroke-width", 0.5).Open();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
                continue;
            var left = frame.X.ToPixel(edges[i]);
            var right = frame.X.ToPixel(edges[i + 1]);
            var top = Math.Clamp(frame.Y.ToPixel(counts[i]), plot.Y, plot.Bottom);
            svg.Start("rect").Attr("x", left).Attr("y", top).Attr("width", Math.Max(right - left, 0)).Attr("height", Math.Max(zero - top, 0))
                .Attr("data-count", counts[i].ToString(CultureInfo.InvariantCulture)).End();
        }

        svg.Close();
    }
}
