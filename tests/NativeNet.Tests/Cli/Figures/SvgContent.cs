using System.Xml.Linq;
using NativeNet.Cli.Figures;
using OxyPlot.Series;

namespace NativeNet.Tests.Cli.Figures;

/// <summary>Reads what a figure's SVG shows: its texts, its parts, its ids.</summary>
internal static class SvgContent
{
    private static readonly XNamespace _svg = "http://www.w3.org/2000/svg";

    /// <summary>The content of every &lt;text&gt; element, in document order.</summary>
    public static List<string> Texts(XDocument document) =>
        document.Descendants(_svg + "text").Select(t => t.Value).ToList();

    /// <summary>The elements of class <paramref name="cssClass"/> (the figure's header and panels).</summary>
    public static List<XElement> OfClass(XDocument document, string cssClass) =>
        document.Descendants().Where(e => (string?)e.Attribute("class") == cssClass).ToList();

    /// <summary>
    /// The figure parses as SVG, every panel is there with its title, axis titles and named series (in its own legend
    /// or in the shared one), and every clip-path reference resolves to exactly one id.
    /// </summary>
    public static XDocument AssertShowsEverything(Figure figure)
    {
        var document = XDocument.Parse(figure.ToSvg());
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Equal(figure.Panels.Count, OfClass(document, "panel").Count);
        var texts = Texts(document);
        if (figure.Title is not null)
            Assert.Contains(figure.Title, texts);
        foreach (var panel in figure.Panels)
        {
            if (!string.IsNullOrEmpty(panel.Title))
                Assert.Contains(panel.Title, texts);
            foreach (var axis in panel.Axes.Where(a => !string.IsNullOrEmpty(a.Title)))
                Assert.Contains(axis.Title, texts);
            var legendShown = figure.SharedLegend || panel.Legends.Count > 0;
            foreach (var series in panel.Series.OfType<LineSeries>().Where(s => s.RenderInLegend && s.Title is not null && legendShown))
                Assert.Contains(series.Title, texts);
        }

        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var reference in document.Descendants().Select(e => (string?)e.Attribute("clip-path")).OfType<string>())
            Assert.Contains(reference["url(#".Length..^1], ids);
        return document;
    }
}
