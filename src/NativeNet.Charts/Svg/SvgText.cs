namespace NativeNet.Charts.Svg;

/// <summary>How a text line is anchored horizontally.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>Writes single-line text elements with explicit vertical centring (renderers disagree on dominant-baseline).</summary>
internal static class SvgText
{
    /// <summary>Writes <paramref name="text"/> with its vertical centre at <paramref name="centerY"/>.</summary>
    public static void Write(SvgBuilder svg, double x, double centerY, string text, double fontSize,
        TextAnchor anchor = TextAnchor.Middle, bool bold = false, double rotate = 0, string? cssClass = null, string fill = "#222222")
    {
        // Capital height of DejaVu Sans ≈ 0.73 em, so the baseline sits 0.36 em below the centre.
        var baseline = centerY + 0.36 * fontSize;
        svg.Start("text").Attr("x", x).Attr("y", baseline).Attr("font-size", fontSize);
        if (anchor != TextAnchor.Start)
            svg.Attr("text-anchor", anchor == TextAnchor.Middle ? "middle" : "end");
        if (bold)
            svg.Attr("font-weight", "bold");
        if (rotate != 0)
            svg.Attr("transform", $"rotate({SvgFormat.Number(rotate)} {SvgFormat.Number(x)} {SvgFormat.Number(centerY)})");
        if (cssClass is not null)
            svg.Attr("class", cssClass);
        svg.Attr("fill", fill);
        svg.Open().Content(text).Close();
    }
}
