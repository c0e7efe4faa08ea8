using NativeNet.Cli.Experiments;
using NativeNet.Tests.Cli.Figures;

namespace NativeNet.Tests.Cli;

internal static class ExperimentTestSupport
{
    public static ExperimentSettings Quick { get; } = new() { Quick = true };

    /// <summary>Every figure renders to SVG that shows all its panels, titles, axis titles and legend entries.</summary>
    public static void AssertFiguresAreSvg(ExperimentResult result)
    {
        Assert.NotEmpty(result.Figures);
        foreach (var figure in result.Figures)
        {
            SvgContent.AssertShowsEverything(figure.Figure);
            Assert.EndsWith(".svg", figure.FileName, StringComparison.Ordinal);
        }

        foreach (var data in result.Data)
        {
            Assert.True(data.Rows.Count > 0, $"{data.FileName} has no rows");
            Assert.All(data.Rows, row => Assert.Equal(data.Header.Count, row.Length));
        }
    }
}
