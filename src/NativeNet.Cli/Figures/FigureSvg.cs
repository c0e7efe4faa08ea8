using System.Globalization;
using System.Text;
using OxyPlot;
using OxyPlot.Series;

namespace NativeNet.Cli.Figures;

/// <summary>
/// Draws a <see cref="Figure"/> as one SVG document. OxyPlot has no subplot grid, so each panel is exported on its
/// own (OxyPlot's <see cref="SvgExporter"/>, text measured with its built-in PDF font metrics, no renderer needed) and
/// placed as a nested &lt;svg&gt; under a header with the figure's title and shared legend, which OxyPlot's own
/// <see cref="SvgRenderContext"/> draws (the legend symbols are the series' own <c>RenderLegend</c>).
/// </summary>
internal static class FigureSvg
{
    private const double Padding = 8;
    private const double SymbolLength = 28;
    private static readonly OxyColor _text = OxyColor.FromRgb(0x22, 0x22, 0x22);

    /// <summary>The complete SVG document of <paramref name="figure"/>.</summary>
    public static string Render(Figure figure)
    {
        if (figure.Panels.Count == 0)
            throw new ArgumentException("A figure needs at least one panel.", nameof(figure));
        ArgumentOutOfRangeException.ThrowIfLessThan(figure.Columns, 1, nameof(figure));
        var measurer = new PixelTextMeasurer(figure.PanelWidth, figure.PanelHeight);
        var columns = Math.Min(figure.Columns, figure.Panels.Count);
        var rows = (figure.Panels.Count + columns - 1) / columns;
        var width = columns * figure.PanelWidth;

        var panels = new List<string>(figure.Panels.Count);
        foreach (var panel in figure.Panels)
        {
            if (figure.SharedLegend)
                panel.IsLegendVisible = false;
            FitTitle(panel, figure.PanelWidth, measurer);
            panels.Add(SvgExporter.ExportToString(panel, figure.PanelWidth, figure.PanelHeight, false, measurer, true));
        }

        // The legend entries come from the exported panels: only then do automatic colours have their actual values.
        var legend = figure.SharedLegend ? LegendSeries(figure.Panels) : [];
        var header = Header(figure.Title, legend, width, measurer, out var headerHeight);
        var height = headerHeight + rows * figure.PanelHeight;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width:0.##}" height="{height:0.##}" viewBox="0 0 {width:0.##} {height:0.##}">
            <rect width="100%" height="100%" fill="#ffffff"/>

            """);
        if (header is not null)
            svg.Append("<g class=\"header\">").Append(Embeddable(header, "h")).Append("</g>\n");
        for (var n = 0; n < panels.Count; n++)
        {
            var x = n % columns * figure.PanelWidth;
            var y = headerHeight + n / columns * figure.PanelHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"panel\" transform=\"translate({x:0.##},{y:0.##})\">").Append(Embeddable(panels[n], $"p{n}")).Append("</g>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// OxyPlot's output made fit to nest: without its XML declaration (and byte-order mark), and with the clip path ids
    /// (clipPath1, clipPath2, … in every export) made unique per part.
    /// </summary>
    internal static string Embeddable(string svg, string idPrefix)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException("The SVG exporter wrote no <svg> element.");
        return svg[start..]
            .Replace("id=\"clipPath", $"id=\"{idPrefix}clipPath", StringComparison.Ordinal)
            .Replace("url(#clipPath", $"url(#{idPrefix}clipPath", StringComparison.Ordinal);
    }

    /// <summary>Shrinks a panel's title font until the title fits the panel's width (OxyPlot would clip it).</summary>
    private static void FitTitle(PlotModel panel, double width, PixelTextMeasurer measurer)
    {
        if (string.IsNullOrEmpty(panel.Title))
            return;
        var available = width - 2 * Padding;
        var size = panel.TitleFontSize;
        while (size > 7 && measurer.MeasureText(panel.Title, Plots.Font, size, FontWeights.Bold).Width > available)
            size -= 0.5;
        panel.TitleFontSize = size;
    }

    /// <summary>The named series of all panels, first appearance of a name wins.</summary>
    private static List<Series> LegendSeries(IEnumerable<PlotModel> panels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<Series>();
        foreach (var series in panels.SelectMany(p => p.Series))
        {
            if (series.RenderInLegend && !string.IsNullOrEmpty(series.Title) && seen.Add(series.Title))
                entries.Add(series);
        }

        return entries;
    }

    /// <summary>The title and legend rows above the panels as a nested SVG, or <c>null</c> when there are neither.</summary>
    private static string? Header(string? title, List<Series> legend, double width, PixelTextMeasurer measurer, out double height)
    {
        const double fontSize = 12;
        const double titleSize = 1.3 * fontSize;
        const double rowHeight = 1.6 * fontSize;
        var titleHeight = string.IsNullOrEmpty(title) ? 0 : 1.5 * titleSize;

        // Legend entries flow left to right in centred rows.
        var rows = new List<List<(Series Series, double Width)>>();
        var current = new List<(Series Series, double Width)>();
        double currentWidth = 0;
        foreach (var series in legend)
        {
            var entry = SymbolLength + 6 + measurer.MeasureText(series.Title, Plots.Font, fontSize, FontWeights.Normal).Width + 24;
            if (current.Count > 0 && currentWidth + entry > width - 2 * Padding)
            {
                rows.Add(current);
                current = [];
                currentWidth = 0;
            }

            current.Add((series, entry));
            currentWidth += entry;
        }

        if (current.Count > 0)
            rows.Add(current);
        if (titleHeight == 0 && rows.Count == 0)
        {
            height = 0;
            return null;
        }

        height = Padding + titleHeight + rows.Count * rowHeight + Padding / 2;
        using var stream = new MemoryStream();
        using (var rc = new SvgRenderContext(stream, width, height, false, measurer, OxyColors.Undefined, true))
        {
            if (titleHeight > 0)
                rc.DrawText(new ScreenPoint(width / 2, Padding), title, _text, Plots.Font, titleSize, FontWeights.Bold, 0, HorizontalAlignment.Center, VerticalAlignment.Top, null);
            var top = Padding + titleHeight;
            foreach (var row in rows)
            {
                var x = (width - row.Sum(e => e.Width) + 24) / 2;
                foreach (var (series, entryWidth) in row)
                {
                    series.RenderLegend(rc, new OxyRect(x, top, SymbolLength, rowHeight));
                    rc.DrawText(new ScreenPoint(x + SymbolLength + 6, top + rowHeight / 2), series.Title, _text, Plots.Font, fontSize, FontWeights.Normal, 0, HorizontalAlignment.Left, VerticalAlignment.Middle, null);
                    x += entryWidth;
                }

                top += rowHeight;
            }

            rc.Complete();
            rc.Flush();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
