using NativeNet.Charts.Svg;

namespace NativeNet.Tests.Charts;

public class SvgBuilderTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.001, "0")]
    [InlineData(1.004, "1")]
    [InlineData(12.3456, "12.35")]
    [InlineData(-3.5, "-3.5")]
    public void Numbers_have_at_most_two_decimals(double value, string expected) =>
        Assert.Equal(expected, SvgFormat.Number(value));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgFormat.Number(value));

    [Fact]
    public void Escapes_all_xml_special_characters_and_control_characters()
    {
        Assert.Equal("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; d", SvgFormat.Escape("<a> & \"b\" 'c'\u0001d"));
    }

    [Fact]
    public void Unclosed_elements_are_closed_by_ToString()
    {
        var svg = new SvgBuilder(100, 50);
        svg.Start("g").Attr("class", "x").Open();
        svg.Start("text").Attr("x", 1).Open().Content("a<b");
        var document = ChartTestHelpers.Parse(svg.ToString());
        Assert.Equal("a<b", document.Descendants(ChartTestHelpers.Svg("text")).Single().Value);
    }

    [Fact]
    public void Attributes_after_content_are_refused()
    {
        var svg = new SvgBuilder(100, 50);
        svg.Start("g").Open();
        Assert.Throws<InvalidOperationException>(() => svg.Attr("x", 1));
    }
}
