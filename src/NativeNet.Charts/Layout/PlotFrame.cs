using NativeNet.Charts.Svg;

namespace NativeNet.Charts.Layout;

/// <summary>What a chart asks of its frame: titles, axes, the data extents and room to keep free.</summary>
internal sealed record FrameRequest(string? Title, Axis XAxis, Axis YAxis, Extent XData, Extent YData, double FontSize)
{
    /// <summary>Pixels to keep free right of the plot (an outside legend).</summary>
    public double RightReserve { get; init; }

    /// <summary>Make one data unit the same number of pixels on both axes (contour plots).</summary>
    public bool EqualAspect { get; init; }
}

/// <summary>
/// Lays out a chart inside a region: title on top, y label and tick labels left, x tick labels and
/// label below, the plot area in the middle. Tick counts follow the available pixels so labels never
/// overlap, and margins follow the measured label widths so nothing is clipped.
/// </summary>
internal sealed class PlotFrame
{
    private const double TickLength = 4;

    private readonly FrameRequest _request;
    private readonly Box _region;

    private PlotFrame(FrameRequest request, Box region, Box plot, AxisMap x, AxisMap y)
    {
        _request = request;
        _region = region;
        Plot = plot;
        X = x;
        Y = y;
    }

    /// <summary>The plot area, where data is drawn.</summary>
    public Box Plot { get; }

    /// <summary>Horizontal data-to-pixel map.</summary>
    public AxisMap X { get; }

    /// <summary>Vertical data-to-pixel map.</summary>
    public AxisMap Y { get; }

    private double FontSize => _request.FontSize;

    private double TitleSize => FontSize * 1.2;

    /// <summary>Computes the layout; throws for a log axis with a non-positive fixed range.</summary>
    public static PlotFrame Create(Box region, FrameRequest request)
    {
        var f = request.FontSize;
        var pad = 0.75 * f;
        var top = region.Y + (string.IsNullOrEmpty(request.Title) ? pad : pad + 1.9 * f);
        var bottom = region.Bottom - pad - TickLength - 0.4 * f - f;
        if (!string.IsNullOrEmpty(request.XAxis.Label))
            bottom -= 1.5 * f;

        var yTicks = ChooseYTicks(request, bottom - top);
        var left = region.X + pad + MaxWidth(yTicks.Labels, f) + TickLength + 0.4 * f;
        if (!string.IsNullOrEmpty(request.YAxis.Label))
            left += 1.5 * f;

        // The last x label is centred on the right edge: leave half of it as margin.
        var right = region.Right - pad - request.RightReserve - 1.5 * f;
        var xTicks = ChooseXTicks(request, right - left);
        var lastHalf = TextMetrics.Width(xTicks.Labels[^1], f) / 2;
        right = Math.Min(right, region.Right - pad - request.RightReserve - lastHalf);
        var firstHalf = TextMetrics.Width(xTicks.Labels[0], f) / 2;
        left = Math.Max(left, region.X + pad + firstHalf);

        var plot = new Box(left, top, Math.Max(right - left, 10), Math.Max(bottom - top, 10));
        if (request.EqualAspect)
        {
            plot = SquareUnits(plot, xTicks.Range, yTicks.Range);
            yTicks = ChooseYTicks(request, plot.Height);
            xTicks = ChooseXTicks(request, plot.Width);
        }

        var x = new AxisMap(xTicks, request.XAxis.Scale, plot.X, plot.Right);
        var y = new AxisMap(yTicks, request.YAxis.Scale, plot.Bottom, plot.Y);
        return new PlotFrame(request, region, plot, x, y);
    }

    /// <summary>Draws grid lines, frame, ticks, tick labels, axis labels and title (data goes on top).</summary>
    public void DrawAxes(SvgBuilder svg)
    {
        var f = FontSize;
        svg.Start("g").Attr("class", "axes").Open();
        DrawGrid(svg);

        svg.Start("rect").Attr("x", Plot.X).Attr("y", Plot.Y).Attr("width", Plot.Width).Attr("height", Plot.Height)
            .Attr("fill", "none").Attr("stroke", "#444444").Attr("stroke-width", 1).End();

        var xTicks = X.Ticks;
        for (var i = 0; i < xTicks.Values.Count; i++)
        {
            var px = X.ToPixel(xTicks.Values[i]);
            if (double.IsNaN(px))
                continue;
            TickLine(svg, px, Plot.Bottom, px, Plot.Bottom + TickLength);
            SvgText.Write(svg, px, Plot.Bottom + TickLength + 0.4 * f + 0.5 * f, xTicks.Labels[i], f, cssClass: "tick");
        }

        var yTicks = Y.Ticks;
        for (var i = 0; i < yTicks.Values.Count; i++)
        {
            var py = Y.ToPixel(yTicks.Values[i]);
            if (double.IsNaN(py))
                continue;
            TickLine(svg, Plot.X - TickLength, py, Plot.X, py);
            SvgText.Write(svg, Plot.X - TickLength - 0.3 * f, py, yTicks.Labels[i], f, TextAnchor.End, cssClass: "tick");
        }

        var pad = 0.75 * f;
        if (!string.IsNullOrEmpty(_request.XAxis.Label))
        {
            var (text, size) = TextMetrics.Fit(_request.XAxis.Label, f, _region.Width - 2 * pad);
            SvgText.Write(svg, Plot.CenterX, Plot.Bottom + TickLength + 0.4 * f + 2 * f, text, size, cssClass: "axis-label");
        }

        if (!string.IsNullOrEmpty(_request.YAxis.Label))
        {
            var (text, size) = TextMetrics.Fit(_request.YAxis.Label, f, Plot.Height + 2 * pad);
            var yTickWidth = MaxWidth(Y.Ticks.Labels, f);
            SvgText.Write(svg, Plot.X - TickLength - 0.4 * f - yTickWidth - f, Plot.CenterY, text, size, rotate: -90, cssClass: "axis-label");
        }

        if (!string.IsNullOrEmpty(_request.Title))
        {
            var (text, size) = TextMetrics.Fit(_request.Title, TitleSize, _region.Width - 2 * pad);
            // Centred over the plot, but pushed inward when that would run past the figure edge.
            var half = TextMetrics.Width(text, size) / 2;
            var center = Math.Max(_region.X + pad + half, Math.Min(Plot.CenterX, _region.Right - pad - half));
            SvgText.Write(svg, center, _region.Y + pad + 0.6 * f, text, size, bold: true, cssClass: "title");
        }

        svg.Close();
    }

    private void DrawGrid(SvgBuilder svg)
    {
        if (!_request.XAxis.GridLines && !_request.YAxis.GridLines)
            return;
        svg.Start("g").Attr("stroke", "#E4E4E4").Attr("stroke-width", 1).Attr("class", "grid").Open();
        if (_request.XAxis.GridLines)
        {
            foreach (var value in X.Ticks.Values)
            {
                var px = X.ToPixel(value);
                if (!double.IsNaN(px) && px > Plot.X + 0.5 && px < Plot.Right - 0.5)
                    svg.Start("line").Attr("x1", px).Attr("y1", Plot.Y).Attr("x2", px).Attr("y2", Plot.Bottom).End();
            }
        }

        if (_request.YAxis.GridLines)
        {
            foreach (var value in Y.Ticks.Values)
            {
                var py = Y.ToPixel(value);
                if (!double.IsNaN(py) && py > Plot.Y + 0.5 && py < Plot.Bottom - 0.5)
                    svg.Start("line").Attr("x1", Plot.X).Attr("y1", py).Attr("x2", Plot.Right).Attr("y2", py).End();
            }
        }

        svg.Close();
    }

    private static void TickLine(SvgBuilder svg, double x1, double y1, double x2, double y2) =>
        svg.Start("line").Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2).Attr("stroke", "#444444").End();

    private static TickSet ChooseYTicks(FrameRequest request, double pixels)
    {
        var maxTicks = (int)Math.Clamp(pixels / (request.FontSize * 2.6), 2, 10);
        return ResolveTicks(request.YAxis, request.YData, maxTicks, "y");
    }

    /// <summary>The most ticks (up to 10) whose labels, with a gap of one em, fit the width.</summary>
    private static TickSet ChooseXTicks(FrameRequest request, double pixels)
    {
        var f = request.FontSize;
        var maxTicks = (int)Math.Clamp(pixels / (f * 4), 2, 10);
        while (true)
        {
            var ticks = ResolveTicks(request.XAxis, request.XData, maxTicks, "x");
            var needed = 0.0;
            foreach (var label in ticks.Labels)
                needed += TextMetrics.Width(label, f) + 1.5 * f;
            if (needed <= pixels || maxTicks == 2)
                return ticks;
            maxTicks--;
        }
    }

    /// <summary>Fixed ranges keep their ends; automatic ranges widen to nice ticks around the data.</summary>
    private static TickSet ResolveTicks(Axis axis, Extent data, int maxTicks, string name)
    {
        if (axis.Scale == AxisScale.Log)
        {
            if (axis.Range is { } fixedRange)
            {
                if (fixedRange.Min <= 0)
                    throw new ArgumentOutOfRangeException(nameof(axis), fixedRange,
                        $"The log-scale {name} axis needs a positive range, but its range is [{fixedRange.Min}, {fixedRange.Max}].");
                return NiceTicks.Log(fixedRange.Min, fixedRange.Max, covering: false, maxTicks);
            }

            // No positive data at all (e.g. every loss was NaN): show one empty decade.
            return data.IsEmpty ? NiceTicks.Log(1, 10, covering: true, maxTicks) : NiceTicks.Log(data.Min, data.Max, covering: true, maxTicks);
        }

        if (axis.Range is { } range)
            return NiceTicks.Within(range.Min, range.Max, maxTicks);
        return data.IsEmpty ? NiceTicks.Covering(0, 1, maxTicks) : NiceTicks.Covering(data.Min, data.Max, maxTicks);
    }

    private static double MaxWidth(IReadOnlyList<string> labels, double fontSize)
    {
        var widest = 0.0;
        foreach (var label in labels)
            widest = Math.Max(widest, TextMetrics.Width(label, fontSize));
        return widest;
    }

    /// <summary>Shrinks one side of the plot so both axes have the same pixels per data unit, centred.</summary>
    private static Box SquareUnits(Box plot, ValueRange x, ValueRange y)
    {
        var perUnit = Math.Min(plot.Width / x.Span, plot.Height / y.Span);
        var width = x.Span * perUnit;
        var height = y.Span * perUnit;
        return new Box(plot.X + (plot.Width - width) / 2, plot.Y + (plot.Height - height) / 2, width, height);
    }
}
