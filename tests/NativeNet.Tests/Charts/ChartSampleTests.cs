using System.Xml.Linq;

namespace NativeNet.Tests.Charts;

public class ChartSampleTests
{
    public static TheoryData<string> SampleNames()
    {
        var names = new TheoryData<string>();
        foreach (var (name, _) in ChartSamples.All())
            names.Add(name);
        return names;
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_figure_is_well_formed_svg_without_non_finite_numbers(string name)
    {
        var chart = ChartSamples.All().Single(s => s.Name == name).Chart;
        var svg = chart.ToSvg();

        var document = XDocument.Parse(svg);
        Assert.Equal(XName.Get("svg", ChartTestHelpers.SvgNamespace), document.Root!.Name);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", svg, StringComparison.Ordinal);

        var directory = Environment.GetEnvironmentVariable("NATIVENET_CHART_SAMPLES");
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            chart.Save(Path.Combine(directory, name + ".svg"));
        }
    }
}
