namespace NativeNet.Charts.Layout;

/// <summary>
/// Estimates text extents without a font engine: the average advance of DejaVu Sans is about
/// 0.6 em for mixed text (digits are 0.64 em), so layouts reserve that much and stay unclipped.
/// </summary>
internal static class TextMetrics
{
    private const double AverageAdvance = 0.62;

    public static double Width(string text, double fontSize) => text.Length * AverageAdvance * fontSize;

    /// <summary>
    /// The font size and text that fit <paramref name="maxWidth"/>: shrinks the font to 80 % first,
    /// then cuts the text and ends it with an ellipsis.
    /// </summary>
    public static (string Text, double FontSize) Fit(string text, double fontSize, double maxWidth)
    {
        if (Width(text, fontSize) <= maxWidth)
            return (text, fontSize);
        var smaller = fontSize * 0.8;
        if (Width(text, smaller) <= maxWidth)
            return (text, Width(text, 1) > 0 ? Math.Min(fontSize, maxWidth / Width(text, 1)) : fontSize);
        var keep = Math.Max(1, (int)(maxWidth / (AverageAdvance * smaller)) - 1);
        return (keep < text.Length ? text[..keep] + "…" : text, smaller);
    }
}
