using OxyPlot;

namespace NativeNet.Cli.Figures;

/// <summary>
/// Text measurement for the SVG exporter without a renderer: OxyPlot's PDF context knows the Helvetica/Arial
/// metrics but answers in points (1/72 in), while the SVG is laid out in pixels (1/96 in); without the 4/3 the
/// legends and axis margins come out a quarter too small and text spills out of its boxes.
/// </summary>
internal sealed class PixelTextMeasurer(double width, double height) : PdfRenderContext(width, height, OxyColors.White)
{
    private const double PixelsPerPoint = 96.0 / 72.0;

    /// <inheritdoc/>
    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        var size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(size.Width * PixelsPerPoint, size.Height * PixelsPerPoint);
    }
}
