namespace NativeNet.Charts;

/// <summary>
/// The Okabe–Ito palette: eight colours that stay distinct under the common forms of colour
/// blindness. Ordered so the first colours have the most contrast on white (yellow is last).
/// </summary>
public static class ChartPalette
{
    private static readonly string[] _palette =
    [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow
    ];

    /// <summary>The palette colours as <c>#RRGGBB</c> strings.</summary>
    public static IReadOnlyList<string> Colors => _palette;

    /// <summary>The colour for the series at <paramref name="index"/>, cycling after eight.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static string Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _palette[index % _palette.Length];
    }
}
