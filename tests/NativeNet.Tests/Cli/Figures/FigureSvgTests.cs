using System.Xml.Linq;
using NativeNet.Cli.Figures;
using OxyPlot;
using OxyPlot.Series;

namespace NativeNet.Tests.Cli.Figures;

/// <summary>The figures on OxyPlot: what ends up in the SVG, composed grids, markers, log labels, histogram counts.</summary>
public class FigureSvgTests
{
    private static readonly double[] _x = [.. Enumerable.Range(0, 100).Select(i => (double)i)];

    private static PlotModel LossPlot(string title = "Training loss") =>
        Plots.Lines(title, Plots.Linear("iteration"), Plots.Linear("loss")).WithLegend(LegendSpot.TopRight);

    [Fact]
    public void A_line_plot_shows_its_title_axis_titles_and_the_named_series_in_its_legend()
    {
        var plot = LossPlot();
        plot.Series.Add(new Curve("raw", _x, [.. _x.Select(x => 2.3 / (1 + x))]));
        plot.Series.Add(new Curve("smoothed", _x, [.. _x.Select(x => 2 / (1 + x))]));
        plot.Series.Add(new Curve(string.Empty, [5.0], [1.0]) { MarkerType = MarkerType.Circle });

        var document = SvgContent.AssertShowsEverything(Figure.Single(plot));
        var texts = SvgContent.Texts(document);

        Assert.Single(texts, "Training loss");
        Assert.Single(texts, "iteration");
        Assert.Single(texts, "loss");
        Assert.Single(texts, "raw");
        Assert.Single(texts, "smoothed");
        Assert.DoesNotContain(string.Empty, texts);
        Assert.Equal("640", document.Root!.Attribute("width")!.Value);
        Assert.Equal("420", document.Root!.Attribute("height")!.Value);
    }

    [Fact]
    public void A_grid_places_every_panel_once_under_one_title_and_one_shared_legend()
    {
        var panels = Enumerable.Range(0, 6).Select(k =>
        {
            var panel = Plots.Lines($"W: {k}", Plots.Linear("epoch"), Plots.Linear("accuracy", 0, 1));
            panel.Series.Add(new Curve("with batch norm", _x, [.. _x.Select(x => x / 100)]));
            panel.Series.Add(new Curve("without batch norm", _x, [.. _x.Select(x => 0.1)]) { Dashes = Curve.Dashed });
            return panel;
        }).ToList();
        var figure = new Figure { Title = "Batch norm", Columns = 4, PanelWidth = 260, PanelHeight = 200, SharedLegend = true, Panels = panels };

        var document = SvgContent.AssertShowsEverything(figure);
        var texts = SvgContent.Texts(document);

        Assert.Single(texts, "Batch norm");
        Assert.Single(texts, "with batch norm");
        Assert.Single(texts, "without batch norm");
        Assert.Equal(6, texts.Count(t => t.StartsWith("W: ", StringComparison.Ordinal)));
        var translations = SvgContent.OfClass(document, "panel").Select(p => p.Attribute("transform")!.Value).ToList();
        Assert.Equal(6, translations.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith("translate(0,", translations[4], StringComparison.Ordinal);
        Assert.Equal(4 * 260, double.Parse(document.Root!.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        var header = Assert.Single(SvgContent.OfClass(document, "header"));
        Assert.Contains("with batch norm", header.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_panel_gets_its_own_clip_path_ids()
    {
        var figure = new Figure { Columns = 2, Panels = [LossPlot("a"), LossPlot("b")], PanelWidth = 300, PanelHeight = 200 };
        figure.Panels[0].Series.Add(new Curve("x", _x, _x));
        figure.Panels[1].Series.Add(new Curve("y", _x, _x));

        var svg = figure.ToSvg();

        Assert.Contains("id=\"p0clipPath1\"", svg, StringComparison.Ordinal);
        Assert.Contains("id=\"p1clipPath1\"", svg, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "<\\?xml"));
    }

    [Fact]
    public void A_curve_marks_every_nth_point_only()
    {
        var plot = LossPlot();
        plot.Series.Add(new Curve("sgd", _x, _x) { MarkerType = MarkerType.Square, MarkerEvery = 10, Color = OxyColors.Red });

        var document = XDocument.Parse(Figure.Single(plot).ToSvg());
        var squares = document.Descendants().Count(e => e.Name.LocalName == "rect" && ((string?)e.Attribute("style") ?? string.Empty).Contains("fill:rgb(255,0,0)", StringComparison.Ordinal));

        // Points 0, 10, …, 90, and one more in the legend.
        Assert.Equal(11, squares);
    }

    [Fact]
    public void A_log_axis_labels_its_decades_with_superscripts()
    {
        var plot = Plots.Lines("distance", Plots.Linear("step"), Plots.Log("‖x‖"));
        plot.Series.Add(new Curve("lr", _x, [.. _x.Select(x => Math.Pow(10, 3 - x / 10))]));

        var texts = SvgContent.Texts(SvgContent.AssertShowsEverything(Figure.Single(plot)));

        Assert.Contains("10³", texts);
        Assert.Contains(texts, t => t.StartsWith("10⁻", StringComparison.Ordinal));
        Assert.Equal("10⁻¹²", Plots.PowerOfTen(1e-12));
        Assert.Equal("10⁰", Plots.PowerOfTen(1));
        Assert.Equal("0.5", Plots.PowerOfTen(0.5));
    }

    [Fact]
    public void Histogram_counts_follow_numpys_edge_rule()
    {
        double[] values = [0, 0.1, 0.5, 0.99, 1, 1.5, -0.1, double.NaN, double.PositiveInfinity];

        Assert.Equal([2L, 3L], HistogramPlot.Count(values, 2, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramPlot.Count(values, 0, 0, 1));
    }

    [Fact]
    public void A_histogram_draws_bar_heights_as_counts_on_the_binned_range()
    {
        double[] values = [.. Enumerable.Repeat(0.25, 30), .. Enumerable.Repeat(0.75, 10)];

        var plot = HistogramPlot.Create("layer 1", values, 2, 0, 1, "value", "count");
        SvgContent.AssertShowsEverything(Figure.Single(plot, 300, 200));

        var bars = plot.Series.OfType<HistogramSeries>().Single().Items;
        Assert.Equal([30.0, 10.0], bars.Select(b => b.Height));
        Assert.Equal(0, plot.Axes[0].ActualMinimum);
        Assert.Equal(1, plot.Axes[0].ActualMaximum);
        Assert.Equal(0, plot.Axes[1].ActualMinimum);
    }

    [Fact]
    public void A_contour_plot_traces_every_level_in_grey_under_its_path_and_marks_the_minimum()
    {
        double[] levels = [1, 4, 9];
        var path = new Curve("SGD", [-3.0, -1, 0], [2.0, 1, 0]) { MarkerType = MarkerType.Circle };
        var plot = ContourPlot.Create("bowl", static (x, y) => x * x + y * y, (-4, 4), (-4, 4), levels, [path], (0, 0), ("x0", "x1")).WithLegend(LegendSpot.TopRight);

        var svg = SvgContent.AssertShowsEverything(Figure.Single(plot, 400, 400)).ToString();

        // Three grey shades, one per level, from #606060 (lowest) to #C8C8C8 (highest).
        Assert.Contains("rgb(96,96,96)", svg, StringComparison.Ordinal);
        Assert.Contains("rgb(148,148,148)", svg, StringComparison.Ordinal);
        Assert.Contains("rgb(200,200,200)", svg, StringComparison.Ordinal);
        Assert.Equal(ChartPalette.Color(0), path.ActualColor);
        Assert.Contains(plot.Series, s => s is LineSeries { MarkerType: MarkerType.Plus, RenderInLegend: false });
    }

    [Fact]
    public void Text_is_measured_in_pixels_with_arial_metrics()
    {
        var measurer = new PixelTextMeasurer(100, 100);

        // Arial's digits are 0.556 em wide: 6.67 px at 12 px.
        Assert.Equal(6.67, measurer.MeasureText("0", Plots.Font, 12, FontWeights.Normal).Width, 2);
        Assert.Equal(66.7, measurer.MeasureText("0123456789", Plots.Font, 12, FontWeights.Normal).Width, 1);
    }

    [Fact]
    public void Save_writes_the_figure_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var plot = LossPlot();
        plot.Series.Add(new Curve("loss", _x, _x));

        Figure.Single(plot).Save(dir.File("loss.svg"));

        Assert.Contains("loss", SvgContent.Texts(XDocument.Load(dir.File("loss.svg"))));
        Assert.Equal(["loss.svg"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_figure_without_panels_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Figure { Panels = [] }.ToSvg());
        Assert.Contains("at least one panel", error.Message, StringComparison.Ordinal);
    }
}
