using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NativeNet.Cli.Arguments;

/// <summary>
/// The one place where the text of a numeric option becomes a value. A token that does not parse, is out of
/// range or is not finite is a parse error in the user's words, such as
/// <c>--epochs takes a whole number of at least 1; got 'abc'</c>, which the CLI reports on one line with exit
/// code 2 before any command runs. No validator ever reads a value that failed to parse.
/// </summary>
internal static class NumberOptions
{
    /// <summary>An integer option from <paramref name="minimum"/> to <paramref name="maximum"/> with a default.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum, int maximum = int.MaxValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseWholeNumber(result, name, minimum, maximum) ?? defaultValue,
        };

    /// <summary>An integer option that may be left out (then null).</summary>
    public static Option<int?> OptionalWholeNumber(string name, string description, int minimum, int maximum = int.MaxValue) =>
        new(name)
        {
            Description = description,
            CustomParser = result => ParseWholeNumber(result, name, minimum, maximum),
        };

    /// <summary>A real-valued option within <paramref name="range"/> with a default.</summary>
    public static Option<double> Real(string name, string description, double defaultValue, RealRange range) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseReal(result, name, range) ?? defaultValue,
        };

    /// <summary>A real-valued option within <paramref name="range"/> that may be left out (then null).</summary>
    public static Option<double?> OptionalReal(string name, string description, RealRange range) =>
        new(name)
        {
            Description = description,
            CustomParser = result => ParseReal(result, name, range),
        };

    /// <summary>The words for the whole numbers from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static string DescribeWholeNumbers(int minimum, int maximum) => (minimum, maximum) switch
    {
        (int.MinValue, int.MaxValue) => "a whole number",
        (_, int.MaxValue) => $"a whole number of at least {minimum}",
        _ => $"a whole number from {minimum} to {maximum}",
    };

    private static int? ParseWholeNumber(ArgumentResult result, string name, int minimum, int maximum)
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            return value;
        result.AddError($"{name} takes {DescribeWholeNumbers(minimum, maximum)}; got '{text}'");
        return null;
    }

    private static double? ParseReal(ArgumentResult result, string name, RealRange range)
    {
        var text = Token(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && range.Contains(value))
            return value;
        result.AddError($"{name} takes {range.Describe()}; got '{text}'");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
}
