using NativeNet.Charts.Layout;
using NativeNet.Charts.Svg;

namespace NativeNet.Charts;

/// <summary>
/// A figure that renders to a standalone SVG document. The concrete charts are
/// <see cref="LineChart"/>, <see cref="Histogram"/>, <see cref="ContourPlot"/> and
/// <see cref="ChartGrid"/> (which lays out the others as small multiples).
/// </summary>
public abstract class Chart
{
    private protected Chart()
    {
    }

    /// <summary>Bold text above the plot; <c>null</c> for none.</summary>
    public string? Title { get; init; }

    /// <summary>Size in pixels of tick labels, axis labels and legend text; the title is 20 % larger.</summary>
    public double FontSize { get; init; } = 12;

    /// <summary>Renders the chart as a complete SVG document (UTF-8 XML, SVG namespace, white background).</summary>
    public string ToSvg()
    {
        var (width, height) = FigureSize;
        var svg = new SvgBuilder(width, height);
        Render(svg, new Box(0, 0, width, height), showLegend: true);
        return svg.ToString();
    }

    /// <summary>
    /// Writes <see cref="ToSvg"/> to <paramref name="path"/> atomically: the text goes to a temporary
    /// file in the same directory, which then replaces the target, so a reader never sees half a file.
    /// The directory must exist.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written or moved into place.</exception>
    public void Save(string path) => NativeNet.IO.AtomicFile.WriteAllText(path, ToSvg());

    /// <summary>The pixel size of the figure when rendered on its own.</summary>
    internal abstract (double Width, double Height) FigureSize { get; }

    /// <summary>The entries a shared legend should show for this chart.</summary>
    internal virtual IReadOnlyList<LegendEntry> LegendEntries => [];

    /// <summary>Draws the chart into <paramref name="region"/>; a grid passes <paramref name="showLegend"/> = false when it draws a shared legend.</summary>
    internal abstract void Render(SvgBuilder svg, Box region, bool showLegend);

    private protected void ValidateSize(double width, double height)
    {
        if (!(width >= 50) || !double.IsFinite(width))
            throw new ArgumentOutOfRangeException(nameof(width), width, "A chart needs to be at least 50 pixels wide.");
        if (!(height >= 50) || !double.IsFinite(height))
            throw new ArgumentOutOfRangeException(nameof(height), height, "A chart needs to be at least 50 pixels high.");
        if (!(FontSize > 0) || !double.IsFinite(FontSize))
            throw new ArgumentOutOfRangeException(nameof(FontSize), FontSize, "Font size must be positive.");
    }
}
