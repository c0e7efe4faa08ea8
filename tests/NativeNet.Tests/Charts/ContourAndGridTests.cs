using System.Globalization;
using NativeNet.Charts;
using static NativeNet.Tests.Charts.ChartTestHelpers;

namespace NativeNet.Tests.Charts;

public class ContourAndGridTests
{
    private static ContourPlot Bowl(IReadOnlyList<LineSeries> paths) => new()
    {
        Title = "x²/20 + y²",
        Function = static (x, y) => x * x / 20 + y * y,
        XRange = new ValueRange(-10, 10),
        YRange = new ValueRange(-5, 5),
        Resolution = 61,
        Paths = paths,
    };

    [Fact]
    public void Contour_plot_draws_a_path_per_level_the_paths_and_the_minimum()
    {
        var path = new LineSeries("SGD", [-7, -5, -3, double.NaN, 0], [2, -1, 0.5, 1, 0]) { Marker = MarkerShape.Circle };
        var svg = Bowl([path]).ToSvg();
        var document = Parse(svg);

        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.Equal(10, WithClass(document, "contours").Single().Elements(Svg("path")).Count());
        Assert.Single(WithClass(document, "path"));
        Assert.Single(WithClass(document, "minimum"));
        Assert.Equal(["SGD"], WithClass(document, "legend").Single().Descendants(Svg("text")).Select(t => t.Value));
    }

    [Fact]
    public void Explicit_levels_are_traced_in_order()
    {
        var plot = new ContourPlot
        {
            Function = static (x, y) => x * x + y * y,
            XRange = new ValueRange(-2, 2),
            YRange = new ValueRange(-2, 2),
            Levels = [0.25, 1, 100],
        };

        var levels = WithClass(Parse(plot.ToSvg()), "contours").Single().Elements(Svg("path"))
            .Select(p => double.Parse((string)p.Attribute("data-level")!, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal([0.25, 1], levels); // 100 is never reached inside the range
    }

    [Fact]
    public void Function_returning_nan_in_places_still_renders()
    {
        var plot = new ContourPlot
        {
            Function = static (x, y) => x > 0.5 ? double.NaN : x * x + y * y,
            XRange = new ValueRange(-2, 2),
            YRange = new ValueRange(-2, 2),
        };

        var svg = plot.ToSvg();
        Parse(svg);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_has_a_cell_per_chart_and_one_shared_legend_with_every_name()
    {
        var charts = new List<Chart>();
        for (var k = 0; k < 16; k++)
        {
            charts.Add(new LineChart
            {
                Title = $"W: {k}",
                Series = [new LineSeries("Batch Normalization", [0, 1], [0.1, 0.9]), new LineSeries(k == 3 ? "only in one cell" : "Normal", [0, 1], [0.1, 0.2])],
            });
        }

        var document = Parse(new ChartGrid { Title = "batch norm", Columns = 4, Charts = charts }.ToSvg());

        Assert.Equal(16, WithClass(document, "cell").Count());
        var legend = WithClass(document, "legend").Single();
        Assert.Equal(["Batch Normalization", "Normal", "only in one cell"], legend.Descendants(Svg("text")).Select(t => t.Value));
        var titles = WithClass(document, "title").Select(t => t.Value).ToList();
        Assert.Contains("batch norm", titles);
        Assert.Contains("W: 15", titles);
    }

    [Fact]
    public void Grid_without_shared_legend_keeps_each_cell_legend()
    {
        var cell = new LineChart { Series = [new LineSeries("a", [0, 1], [0, 1])] };
        var document = Parse(new ChartGrid { Charts = [cell, cell, cell], SharedLegend = false }.ToSvg());
        Assert.Equal(3, WithClass(document, "legend").Count());
    }

    [Fact]
    public void Grid_mixes_chart_kinds()
    {
        var grid = new ChartGrid
        {
            Charts =
            [
                new LineChart { Series = [new LineSeries("a", [0, 1], [0, 1])] },
                new Histogram { Values = [1, 2, 3] },
                Bowl([]),
            ],
        };

        var document = Parse(grid.ToSvg());
        Assert.Equal(3, WithClass(document, "cell").Count());
    }

    [Fact]
    public void Save_writes_the_document_atomically_and_replaces_an_old_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "nativenet-charts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "figure.svg");
            File.WriteAllText(path, "old");
            var chart = new LineChart { Title = "saved", Series = [new LineSeries("a", [0, 1], [0, 1])] };

            chart.Save(path);

            Assert.Equal(chart.ToSvg(), File.ReadAllText(path));
            Assert.Equal(["figure.svg"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Save_into_a_missing_directory_fails_without_leaving_files()
    {
        var path = Path.Combine(Path.GetTempPath(), "nativenet-missing-" + Guid.NewGuid().ToString("N"), "x.svg");
        Assert.Throws<DirectoryNotFoundException>(() => new Histogram().Save(path));
    }
}
