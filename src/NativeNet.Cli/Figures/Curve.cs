using OxyPlot;
using OxyPlot.Series;

namespace NativeNet.Cli.Figures;

/// <summary>
/// A line series that can mark only every n-th point, so long curves (2000 iterations) stay readable and the
/// legend still shows line and marker together. Points with NaN or infinite values break the line
/// (OxyPlot's rule), so a diverging run simply stops being drawn.
/// </summary>
internal sealed class Curve : LineSeries
{
    /// <summary>A curve through (x[i], y[i]); an empty <paramref name="name"/> keeps it out of the legend.</summary>
    public Curve(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"Series '{name}': x has {x.Count} values but y has {y.Count}.", nameof(y));
        Title = string.IsNullOrEmpty(name) ? null : name;
        RenderInLegend = Title is not null;
        StrokeThickness = 1.75;
        MarkerSize = 3.5;
        MarkerStroke = OxyColors.White;
        MarkerStrokeThickness = 0.75;
        for (var i = 0; i < x.Count; i++)
            Points.Add(new DataPoint(x[i], y[i]));
    }

    /// <summary>The dash pattern of a dashed curve, in multiples of the stroke width: longer gaps than OxyPlot's <c>LineStyle.Dash</c>.</summary>
    public static double[] Dashed => [4, 2.5];

    /// <summary>Draw a marker at every n-th point only (1 = all).</summary>
    public int MarkerEvery { get; init; } = 1;

    /// <inheritdoc/>
    public override void RenderLegend(IRenderContext rc, OxyRect legendBox)
    {
        var middle = legendBox.Center;
        if (StrokeThickness > 0 && ActualLineStyle != LineStyle.None)
            rc.DrawLine([new ScreenPoint(legendBox.Left, middle.Y), new ScreenPoint(legendBox.Right, middle.Y)], ActualColor, StrokeThickness, EdgeRenderingMode, ActualDashArray);
        if (MarkerType != MarkerType.None)
            DrawMarkers(rc, [middle]);
    }

    /// <inheritdoc/>
    protected override void RenderLineAndMarkers(IRenderContext rc, IList<ScreenPoint> pointsToRender)
    {
        if (StrokeThickness > 0 && ActualLineStyle != LineStyle.None)
            RenderLine(rc, pointsToRender);
        if (MarkerType == MarkerType.None)
            return;
        var step = Math.Max(1, MarkerEvery);
        var marked = new List<ScreenPoint>(pointsToRender.Count / step + 1);
        for (var i = 0; i < pointsToRender.Count; i += step)
            marked.Add(pointsToRender[i]);
        DrawMarkers(rc, marked);
    }

    /// <summary>Filled shapes in the series colour; a cross or plus, which OxyPlot strokes, gets a stroke in that colour.</summary>
    private void DrawMarkers(IRenderContext rc, IList<ScreenPoint> points)
    {
        var stroked = MarkerType is MarkerType.Cross or MarkerType.Plus or MarkerType.Star;
        var stroke = stroked ? ActualColor : MarkerStroke;
        var thickness = stroked ? 1.5 : MarkerStrokeThickness;
        rc.DrawMarkers(points, MarkerType, MarkerOutline, MarkerSize, ActualMarkerFill, stroke, thickness, EdgeRenderingMode);
    }
}
