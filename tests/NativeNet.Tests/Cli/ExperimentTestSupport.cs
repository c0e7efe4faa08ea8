using System.Xml.Linq;
using NativeNet.Cli.Experiments;

namespace NativeNet.Tests.Cli;

internal static class ExperimentTestSupport
{
    public static ExperimentSettings Quick { get; } = new() { Quick = true };

    /// <summary>Every figure renders to well-formed SVG with a root svg element.</summary>
    public static void AssertFiguresAreSvg(ExperimentResult result)
    {
        Assert.NotEmpty(result.Figures);
        foreach (var figure in result.Figures)
        {
            var document = XDocument.Parse(figure.Chart.ToSvg());
            Assert.Equal("svg", document.Root!.Name.LocalName);
            Assert.EndsWith(".svg", figure.FileName, StringComparison.Ordinal);
        }

        foreach (var data in result.Data)
        {
            Assert.True(data.Rows.Count > 0, $"{data.FileName} has no rows");
            Assert.All(data.Rows, row => Assert.Equal(data.Header.Count, row.Length));
        }
    }
}
