using System.Globalization;

namespace NativeNet.Cli.Experiments;

/// <summary>Invariant number formatting for tables and findings.</summary>
internal static class Format
{
    /// <summary>The shortest text that round-trips, as Python prints a float (0.1999999999990898).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Fixed decimals, for accuracies and losses.</summary>
    public static string Fixed(double value, int decimals = 4) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Significant digits, switching to exponent notation for very small or large values.</summary>
    public static string General(double value, int digits = 6) =>
        value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            .Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    /// <summary>A point as <c>(x, y)</c> with <paramref name="digits"/> significant digits.</summary>
    public static string Point(double x, double y, int digits = 10) => $"({General(x, digits)}, {General(y, digits)})";
}
