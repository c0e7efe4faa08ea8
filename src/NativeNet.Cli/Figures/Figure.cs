using OxyPlot;

namespace NativeNet.Cli.Figures;

/// <summary>
/// One SVG file: a single OxyPlot model, or several as small multiples (OxyPlot has no subplot grid) under a
/// shared title and, optionally, one legend for all panels. <see cref="FigureSvg"/> draws it.
/// </summary>
internal sealed record Figure
{
    /// <summary>The panels, filled row by row.</summary>
    public required IReadOnlyList<PlotModel> Panels { get; init; }

    /// <summary>Bold text above all panels; <c>null</c> for none (a single panel carries its own title).</summary>
    public string? Title { get; init; }

    /// <summary>Panels per row.</summary>
    public int Columns { get; init; } = 1;

    /// <summary>Width of one panel in pixels.</summary>
    public double PanelWidth { get; init; } = 640;

    /// <summary>Height of one panel in pixels.</summary>
    public double PanelHeight { get; init; } = 420;

    /// <summary>
    /// <c>true</c>: one legend under the title with every named series of the panels (first appearance wins),
    /// and none inside the panels.
    /// </summary>
    public bool SharedLegend { get; init; }

    /// <summary>A figure of one plot.</summary>
    public static Figure Single(PlotModel plot, double width = 640, double height = 420) =>
        new() { Panels = [plot], PanelWidth = width, PanelHeight = height };

    /// <summary>The figure as a standalone SVG document.</summary>
    public string ToSvg() => FigureSvg.Render(this);

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> atomically (a reader never sees half a file).</summary>
    public void Save(string path) => NativeNet.IO.AtomicFile.WriteAllText(path, ToSvg());
}
