using System.Globalization;
using System.Text.RegularExpressions;
using NativeNet.Charts;
using static NativeNet.Tests.Charts.ChartTestHelpers;

namespace NativeNet.Tests.Charts;

public partial class LineChartTests
{
    private static LineChart TwoSeries(LegendPosition legend = LegendPosition.Auto) => new()
    {
        Title = "loss",
        Legend = legend,
        Series =
        [
            new LineSeries("SGD", [0, 1, 2, 3], [2.3, 1.2, 0.8, 0.5]) { Marker = MarkerShape.Circle },
            new LineSeries("Adam", [0, 1, 2, 3], [2.3, 0.4, 0.2, 0.1]) { Marker = MarkerShape.Triangle, Line = LineStyle.Dashed },
        ],
    };

    [Fact]
    public void Output_is_svg_in_the_svg_namespace()
    {
        var document = Parse(TwoSeries().ToSvg());
        Assert.Equal("640", (string?)document.Root!.Attribute("width"));
        Assert.NotEmpty(document.Descendants(Svg("path")));
    }

    [Fact]
    public void Non_finite_points_never_reach_the_output_and_break_the_line()
    {
        var chart = new LineChart
        {
            Series =
            [
                new LineSeries("broken", [0, 1, 2, 3, 4, 5, double.NaN], [1, 2, double.NaN, 3, double.PositiveInfinity, 4, 5]) { Marker = MarkerShape.Square },
                new LineSeries("all bad", [double.NaN, double.NegativeInfinity], [double.PositiveInfinity, double.NaN]),
            ],
        };

        var svg = chart.ToSvg();

        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        var series = WithClass(Parse(svg), "series").Single(g => (string?)g.Attribute("data-name") == "broken");
        var d = (string)series.Element(Svg("path"))!.Attribute("d")!;
        // Points 0-1 form the only segment with two finite ends; 3 and 5 are isolated (markers only).
        Assert.Equal(1, d.Count(c => c == 'M'));
        Assert.Equal(4, series.Descendants(Svg("rect")).Count());
    }

    [Fact]
    public void Values_far_outside_a_fixed_range_are_clipped_to_the_plot()
    {
        var chart = new LineChart
        {
            YAxis = new Axis { Range = new ValueRange(0, 10) },
            Series = [new LineSeries("diverging", [0, 1, 2, 3], [1, 5, 1e300, double.MaxValue])],
        };

        var d = (string)WithClass(Parse(chart.ToSvg()), "series").Single().Element(Svg("path"))!.Attribute("d")!;
        foreach (Match number in NumberPattern().Matches(d))
            Assert.InRange(double.Parse(number.Value, CultureInfo.InvariantCulture), 0, 640);
    }

    [Fact]
    public void Text_with_markup_characters_is_escaped()
    {
        const string Nasty = "a < b && c > \"d\" 'e'";
        var chart = new LineChart
        {
            Title = Nasty,
            XAxis = new Axis("<x>"),
            YAxis = new Axis("&y"),
            Series = [new LineSeries("<script>&amp;", [0, 1], [0, 1])],
        };

        var svg = chart.ToSvg();
        var document = Parse(svg);

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        var texts = document.Descendants(Svg("text")).Select(t => t.Value).ToList();
        Assert.Contains(Nasty, texts);
        Assert.Contains("<x>", texts);
        Assert.Contains("&y", texts);
        Assert.Contains("<script>&amp;", texts);
    }

    [Theory]
    [InlineData(LegendPosition.Auto)]
    [InlineData(LegendPosition.TopRightInside)]
    [InlineData(LegendPosition.OutsideRight)]
    public void Legend_lists_every_series_name(LegendPosition position)
    {
        var legend = WithClass(Parse(TwoSeries(position).ToSvg()), "legend").Single();
        var names = legend.Descendants(Svg("text")).Select(t => t.Value).ToList();
        Assert.Equal(["SGD", "Adam"], names);
    }

    [Fact]
    public void No_legend_when_asked_for_none_or_when_series_are_unnamed()
    {
        Assert.Empty(WithClass(Parse(TwoSeries(LegendPosition.None).ToSvg()), "legend"));
        var unnamed = new LineChart { Series = [new LineSeries("", [0, 1], [0, 1])] };
        Assert.Empty(WithClass(Parse(unnamed.ToSvg()), "legend"));
    }

    [Fact]
    public void Auto_legend_moves_outside_when_every_corner_is_covered()
    {
        // A dense scatter filling the whole plot leaves no free corner.
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i <= 20; i++)
        {
            for (var j = 0; j <= 20; j++)
            {
                xs.Add(i);
                ys.Add(j);
            }
        }

        var chart = new LineChart { Series = [new LineSeries("grid", xs, ys) { Line = LineStyle.None, Marker = MarkerShape.Circle }] };
        var document = Parse(chart.ToSvg());

        var frame = document.Descendants(Svg("rect")).First(r => (string?)r.Attribute("stroke") == "#444444");
        var plotRight = double.Parse((string)frame.Attribute("x")!, CultureInfo.InvariantCulture) + double.Parse((string)frame.Attribute("width")!, CultureInfo.InvariantCulture);
        var legendBox = WithClass(document, "legend").Single().Element(Svg("rect"))!;
        Assert.True(double.Parse((string)legendBox.Attribute("x")!, CultureInfo.InvariantCulture) > plotRight);
    }

    [Fact]
    public void Log_axis_with_a_non_positive_fixed_range_is_rejected_clearly()
    {
        var chart = new LineChart
        {
            YAxis = new Axis("loss") { Scale = AxisScale.Log, Range = new ValueRange(0, 10) },
            Series = [new LineSeries("loss", [0, 1], [1, 2])],
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => chart.ToSvg());
        Assert.Contains("log-scale y axis needs a positive range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_axis_skips_non_positive_points()
    {
        var chart = new LineChart
        {
            YAxis = new Axis { Scale = AxisScale.Log },
            Series = [new LineSeries("s", [0, 1, 2, 3], [1, 0, -1, 100]) { Marker = MarkerShape.Circle }],
        };

        var series = WithClass(Parse(chart.ToSvg()), "series").Single();
        Assert.Equal(2, series.Descendants(Svg("circle")).Count());
    }

    [Fact]
    public void Numbers_are_invariant_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        try
        {
            CultureInfo.CurrentCulture = comma;
            var svg = new LineChart { Series = [new LineSeries("s", [0, 0.5, 1], [0.25, 0.5, 0.75])] }.ToSvg();
            var d = (string)WithClass(Parse(svg), "series").Single().Element(Svg("path"))!.Attribute("d")!;
            Assert.Matches(@"^M[0-9.]+,[0-9.]+L[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+$", d);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Series_colours_follow_the_palette_unless_set()
    {
        var chart = new LineChart
        {
            Series = [new LineSeries("a", [0, 1], [0, 1]), new LineSeries("b", [0, 1], [1, 0]) { Color = "#123456" }, new LineSeries("c", [0, 1], [1, 1])],
        };
        var strokes = WithClass(Parse(chart.ToSvg()), "series").Select(g => (string?)g.Element(Svg("path"))!.Attribute("stroke")).ToList();
        Assert.Equal([ChartPalette.Color(0), "#123456", ChartPalette.Color(2)], strokes);
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new LineSeries("s", [1, 2, 3], [1, 2]));
        Assert.Contains("x has 3 values but y has 2", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"-?[0-9]+(\.[0-9]+)?")]
    private static partial Regex NumberPattern();
}
