using NativeNet.Charts.Svg;

namespace NativeNet.Charts.Layout;

/// <summary>Measures and draws legends: a column (beside or inside a plot) or wrapped rows (under a grid title).</summary>
internal static class LegendPainter
{
    private const double MarkerRadius = 3.5;

    private static double SampleWidth(double f) => 2.4 * f;

    private static double RowHeight(double f) => 1.45 * f;

    private static double Padding(double f) => 0.5 * f;

    private static double EntryWidth(LegendEntry entry, double f) =>
        SampleWidth(f) + 0.5 * f + TextMetrics.Width(entry.Name, f);

    /// <summary>Size of a boxed, one-entry-per-row legend.</summary>
    public static (double Width, double Height) MeasureColumn(IReadOnlyList<LegendEntry> entries, double f)
    {
        var widest = 0.0;
        foreach (var entry in entries)
            widest = Math.Max(widest, EntryWidth(entry, f));
        return (widest + 2 * Padding(f), entries.Count * RowHeight(f) + 2 * Padding(f) - 0.2 * f);
    }

    /// <summary>Draws the column legend with its top-left corner at (x, y), on a translucent white box.</summary>
    public static void DrawColumn(SvgBuilder svg, double x, double y, IReadOnlyList<LegendEntry> entries, double f)
    {
        var (width, height) = MeasureColumn(entries, f);
        svg.Start("g").Attr("class", "legend").Open();
        svg.Start("rect").Attr("x", x).Attr("y", y).Attr("width", width).Attr("height", height).Attr("rx", 3)
            .Attr("fill", "white").Attr("fill-opacity", 0.85).Attr("stroke", "#BBBBBB").Attr("stroke-width", 0.8).End();
        var rowY = y + Padding(f) + 0.6 * f;
        foreach (var entry in entries)
        {
            DrawEntry(svg, x + Padding(f), rowY, entry, f);
            rowY += RowHeight(f);
        }

        svg.Close();
    }

    /// <summary>Height of the legend laid out as centred rows no wider than <paramref name="maxWidth"/>.</summary>
    public static double MeasureRows(IReadOnlyList<LegendEntry> entries, double f, double maxWidth) =>
        WrapRows(entries, f, maxWidth).Count * RowHeight(f);

    /// <summary>Draws entries side by side in centred rows, wrapping at <paramref name="maxWidth"/>, starting at <paramref name="top"/>.</summary>
    public static void DrawRows(SvgBuilder svg, double centerX, double top, IReadOnlyList<LegendEntry> entries, double f, double maxWidth)
    {
        svg.Start("g").Attr("class", "legend").Open();
        var rowY = top + 0.7 * f;
        foreach (var row in WrapRows(entries, f, maxWidth))
        {
            var width = RowWidth(row, f);
            var x = centerX - width / 2;
            foreach (var entry in row)
            {
                DrawEntry(svg, x, rowY, entry, f);
                x += EntryWidth(entry, f) + 1.5 * f;
            }

            rowY += RowHeight(f);
        }

        svg.Close();
    }

    private static double RowWidth(List<LegendEntry> row, double f)
    {
        var width = -1.5 * f;
        foreach (var entry in row)
            width += EntryWidth(entry, f) + 1.5 * f;
        return width;
    }

    private static List<List<LegendEntry>> WrapRows(IReadOnlyList<LegendEntry> entries, double f, double maxWidth)
    {
        var rows = new List<List<LegendEntry>>();
        var current = new List<LegendEntry>();
        foreach (var entry in entries)
        {
            current.Add(entry);
            if (current.Count > 1 && RowWidth(current, f) > maxWidth)
            {
                current.RemoveAt(current.Count - 1);
                rows.Add(current);
                current = [entry];
            }
        }

        if (current.Count > 0)
            rows.Add(current);
        return rows;
    }

    private static void DrawEntry(SvgBuilder svg, double x, double centerY, LegendEntry entry, double f)
    {
        var sample = SampleWidth(f);
        if (entry.Line != LineStyle.None)
        {
            svg.Start("line").Attr("x1", x).Attr("y1", centerY).Attr("x2", x + sample).Attr("y2", centerY)
                .Attr("stroke", entry.Color).Attr("stroke-width", entry.LineWidth);
            if (MarkerPainter.DashArray(entry.Line, entry.LineWidth) is { } dash)
                svg.Attr("stroke-dasharray", dash).Attr("stroke-linecap", "round");
            svg.End();
        }

        if (entry.Marker != MarkerShape.None)
        {
            MarkerPainter.OpenGroup(svg, entry.Marker, entry.Color);
            MarkerPainter.Draw(svg, entry.Marker, x + sample / 2, centerY, MarkerRadius);
            svg.Close();
        }

        SvgText.Write(svg, x + sample + 0.5 * f, centerY, entry.Name, f, TextAnchor.Start);
    }
}
