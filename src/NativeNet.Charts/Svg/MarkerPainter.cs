namespace NativeNet.Charts.Svg;

/// <summary>Draws marker shapes; fill and stroke come from the enclosing group (see <see cref="OpenGroup"/>).</summary>
internal static class MarkerPainter
{
    /// <summary>Opens a group styled for <paramref name="shape"/>: filled shapes get a thin white outline so overlapping markers stay apart; × and + are strokes.</summary>
    public static void OpenGroup(SvgBuilder svg, MarkerShape shape, string color)
    {
        svg.Start("g").Attr("class", "markers");
        if (shape is MarkerShape.Cross or MarkerShape.Plus)
            svg.Attr("fill", "none").Attr("stroke", color).Attr("stroke-width", 1.6);
        else
            svg.Attr("fill", color).Attr("stroke", "white").Attr("stroke-width", 0.6);
        svg.Open();
    }

    /// <summary>Draws one marker centred at (x, y) with half-size <paramref name="r"/>.</summary>
    public static void Draw(SvgBuilder svg, MarkerShape shape, double x, double y, double r)
    {
        switch (shape)
        {
            case MarkerShape.Circle:
                svg.Start("circle").Attr("cx", x).Attr("cy", y).Attr("r", r).End();
                break;
            case MarkerShape.Square:
                var half = r * 0.88; // same visual weight as the circle
                svg.Start("rect").Attr("x", x - half).Attr("y", y - half).Attr("width", 2 * half).Attr("height", 2 * half).End();
                break;
            case MarkerShape.Triangle:
                var t = r * 1.15;
                Polygon(svg, [(x, y - t), (x + t * 0.866, y + t * 0.5), (x - t * 0.866, y + t * 0.5)]);
                break;
            case MarkerShape.Diamond:
                var d = r * 1.15;
                Polygon(svg, [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]);
                break;
            case MarkerShape.Cross:
                var c = r * 0.9;
                svg.Start("path").Attr("d", $"M{N(x - c)},{N(y - c)}L{N(x + c)},{N(y + c)}M{N(x - c)},{N(y + c)}L{N(x + c)},{N(y - c)}").End();
                break;
            case MarkerShape.Plus:
                var p = r * 1.1;
                svg.Start("path").Attr("d", $"M{N(x - p)},{N(y)}L{N(x + p)},{N(y)}M{N(x)},{N(y - p)}L{N(x)},{N(y + p)}").End();
                break;
            case MarkerShape.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown marker shape.");
        }
    }

    /// <summary>The SVG dash pattern for a line style, or null for a solid line.</summary>
    public static string? DashArray(LineStyle style, double width) => style switch
    {
        LineStyle.Dashed => $"{N(width * 3.5)} {N(width * 2)}",
        LineStyle.Dotted => $"{N(width * 0.1)} {N(width * 2)}",
        _ => null,
    };

    private static void Polygon(SvgBuilder svg, ReadOnlySpan<(double X, double Y)> points)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (px, py) in points)
            text.Append(N(px)).Append(',').Append(N(py)).Append(' ');
        svg.Start("polygon").Attr("points", text.ToString(0, text.Length - 1)).End();
    }

    private static string N(double value) => SvgFormat.Number(value);
}
