using System.Globalization;
using System.Text;

namespace NativeNet.Charts.Svg;

/// <summary>Invariant-culture number formatting and XML escaping for SVG output.</summary>
internal static class SvgFormat
{
    /// <summary>
    /// Formats a coordinate with at most two decimals (a hundredth of a pixel is below what any
    /// renderer shows). Non-finite values are a bug in the caller: charts drop them before drawing.
    /// </summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "SVG coordinates must be finite; non-finite points are dropped before drawing.");
        var text = value.ToString("0.##", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Appends <paramref name="text"/> with the five XML special characters escaped.</summary>
    public static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                default:
                    // Control characters other than tab/newline are not allowed in XML 1.0.
                    if (c < ' ' && c != '\t' && c != '\n' && c != '\r')
                        builder.Append(' ');
                    else
                        builder.Append(c);
                    break;
            }
        }
    }

    /// <summary>Returns <paramref name="text"/> XML-escaped.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        AppendEscaped(builder, text);
        return builder.ToString();
    }
}
