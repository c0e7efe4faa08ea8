using System.Xml.Linq;

namespace NativeNet.Tests.Charts;

internal static class ChartTestHelpers
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    public static XName Svg(string local) => XName.Get(local, SvgNamespace);

    public static XDocument Parse(string svg)
    {
        var document = XDocument.Parse(svg);
        Assert.Equal(Svg("svg"), document.Root!.Name);
        return document;
    }

    /// <summary>Elements with the given class attribute (space-separated class lists are not used by the writer).</summary>
    public static IEnumerable<XElement> WithClass(XDocument document, string cssClass) =>
        document.Descendants().Where(e => (string?)e.Attribute("class") == cssClass);
}
