using OxyPlot;

namespace NativeNet.Cli.Figures;

/// <summary>
/// The Okabe–Ito palette: eight colours that stay distinct under the common forms of colour blindness,
/// ordered so the first ones have the most contrast on white (yellow is last).
/// </summary>
internal static class ChartPalette
{
    public static readonly IList<OxyColor> Colors =
    [
        OxyColor.FromRgb(0x00, 0x72, 0xB2), // blue
        OxyColor.FromRgb(0xE6, 0x9F, 0x00), // orange
        OxyColor.FromRgb(0x00, 0x9E, 0x73), // bluish green
        OxyColor.FromRgb(0xD5, 0x5E, 0x00), // vermillion
        OxyColor.FromRgb(0xCC, 0x79, 0xA7), // reddish purple
        OxyColor.FromRgb(0x56, 0xB4, 0xE9), // sky blue
        OxyColor.FromRgb(0x00, 0x00, 0x00), // black
        OxyColor.FromRgb(0xF0, 0xE4, 0x42), // yellow
    ];

    /// <summary>A light blue for raw, noisy curves drawn under their smoothed version.</summary>
    public static readonly OxyColor Faint = OxyColor.FromRgb(0xB8, 0xCC, 0xE4);

    /// <summary>The colour of the series at <paramref name="index"/>, cycling after eight.</summary>
    public static OxyColor Color(int index) => Colors[index % Colors.Count];
}
