using NativeNet.Charts.Layout;
using NativeNet.Charts.Svg;

namespace NativeNet.Charts;

/// <summary>
/// Small multiples: charts in rows × columns, each with its own title and axes, under an overall
/// title and one shared legend (the union of the cells' series names, first appearance wins).
/// Used for the 4 × 4 batch-norm weight-scale grid, the best 20 hyper-parameter trials, the four
/// optimizer paths, and a row of per-layer activation histograms.
/// </summary>
/// <example>
/// <code>
/// var grid = new ChartGrid
/// {
///     Title = "Batch norm vs. weight scale",
///     Columns = 4,
///     Charts = scales.Select(s => (Chart)new LineChart { Title = $"W scale {s:g2}", Series = [...] }).ToList(),
/// };
/// grid.Save("batchnorm.svg");
/// </code>
/// </example>
public sealed class ChartGrid : Chart
{
    /// <summary>The cells, filled row by row.</summary>
    public IReadOnlyList<Chart> Charts { get; init; } = [];

    /// <summary>Cells per row; 0 picks ⌈√n⌉.</summary>
    public int Columns { get; init; }

    /// <summary>Width of one cell in pixels.</summary>
    public double CellWidth { get; init; } = 300;

    /// <summary>Height of one cell in pixels.</summary>
    public double CellHeight { get; init; } = 230;

    /// <summary>
    /// <c>true</c>: one legend under the title and none in the cells; <c>false</c>: each cell keeps its own.
    /// </summary>
    public bool SharedLegend { get; init; } = true;

    /// <summary>Lays <paramref name="charts"/> side by side in one row, e.g. one activation histogram per layer.</summary>
    /// <param name="title">Overall title, or <c>null</c>.</param>
    /// <param name="charts">The cells, left to right.</param>
    public static ChartGrid Row(string? title, params IReadOnlyList<Chart> charts) =>
        new() { Title = title, Charts = charts, Columns = Math.Max(1, charts.Count) };

    private int ColumnCount => Columns > 0 ? Columns : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(Charts.Count)));

    private int RowCount => Math.Max(1, (Charts.Count + ColumnCount - 1) / ColumnCount);

    private double Padding => 0.75 * FontSize;

    private double TitleHeight => string.IsNullOrEmpty(Title) ? 0 : 2.1 * FontSize;

    internal override (double Width, double Height) FigureSize
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(Columns, nameof(Columns));
            ValidateSize(CellWidth, CellHeight);
            var width = ColumnCount * CellWidth;
            return (width, Header(width) + RowCount * CellHeight);
        }
    }

    internal override IReadOnlyList<LegendEntry> LegendEntries
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<LegendEntry>();
            foreach (var chart in Charts)
            {
                foreach (var entry in chart.LegendEntries)
                {
                    if (seen.Add(entry.Name))
                        entries.Add(entry);
                }
            }

            return entries;
        }
    }

    internal override void Render(SvgBuilder svg, Box region, bool showLegend)
    {
        var f = FontSize;
        svg.Start("g").Attr("class", "grid-figure").Open();
        if (!string.IsNullOrEmpty(Title))
        {
            var (text, size) = TextMetrics.Fit(Title, f * 1.3, region.Width - 2 * Padding);
            SvgText.Write(svg, region.CenterX, region.Y + Padding + 0.6 * f, text, size, bold: true, cssClass: "title");
        }

        var legend = SharedLegend && showLegend ? LegendEntries : [];
        if (legend.Count > 0)
            LegendPainter.DrawRows(svg, region.CenterX, region.Y + Padding + TitleHeight, legend, f, region.Width - 2 * Padding);

        var top = region.Y + Header(region.Width);
        var cellWidth = region.Width / ColumnCount;
        var cellHeight = (region.Bottom - top) / RowCount;
        for (var n = 0; n < Charts.Count; n++)
        {
            var cell = new Box(region.X + n % ColumnCount * cellWidth, top + n / ColumnCount * cellHeight, cellWidth, cellHeight);
            svg.Start("g").Attr("class", "cell").Open();
            Charts[n].Render(svg, cell, showLegend: showLegend && !SharedLegend);
            svg.Close();
        }

        svg.Close();
    }

    /// <summary>Height above the cells: padding, title and the shared legend's rows.</summary>
    private double Header(double width)
    {
        var legend = SharedLegend ? LegendEntries : [];
        var legendHeight = legend.Count > 0 ? LegendPainter.MeasureRows(legend, FontSize, width - 2 * Padding) + 0.3 * FontSize : 0;
        return TitleHeight + legendHeight + (TitleHeight + legendHeight > 0 ? Padding : 0);
    }
}
