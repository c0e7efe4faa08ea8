using System.Globalization;

namespace NativeNet.Tuning;

/// <summary>
/// One option a search can vary: its spec-file name, the kind of value, the book's default range and the rule
/// a value must satisfy. The set is closed (<see cref="TunableParameters"/>), so spec files parse without reflection.
/// </summary>
public sealed class TunableParameter
{
    private readonly Func<string, bool> _isValid;

    internal TunableParameter(string name, string displayName, ParameterKind kind, SearchRange defaultRange, string rule, Func<string, bool> isValid)
    {
        Name = name;
        DisplayName = displayName;
        Kind = kind;
        DefaultRange = defaultRange;
        Rule = rule;
        _isValid = isValid;
    }

    /// <summary>The key in spec and result files, for example <c>weight_decay</c>.</summary>
    public string Name { get; }

    /// <summary>The name in printed tables, for example <c>weight decay</c> (as the book prints it).</summary>
    public string DisplayName { get; }

    /// <summary>The kind of value.</summary>
    public ParameterKind Kind { get; }

    /// <summary>The range used when a spec does not mention the parameter (the book's setting).</summary>
    public SearchRange DefaultRange { get; }

    /// <summary>What a valid value is, in words, for error messages and documentation.</summary>
    public string Rule { get; }

    /// <summary>Whether uniform and log-uniform ranges apply (real and integer parameters).</summary>
    public bool IsNumeric => Kind is ParameterKind.Real or ParameterKind.Integer;

    /// <summary>
    /// Brings <paramref name="text"/> to the canonical form stored in results (lowercase names, round-trip numbers)
    /// or returns null with <paramref name="error"/> set when the value breaks <see cref="Rule"/>.
    /// </summary>
    public string? Normalize(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        string? canonical = Kind switch
        {
            ParameterKind.Real => TryNumber(trimmed, out double real) ? FormatNumber(real) : null,
            ParameterKind.Integer => TryNumber(trimmed, out double whole) && whole == Math.Floor(whole) && Math.Abs(whole) <= int.MaxValue
                ? ((int)whole).ToString(CultureInfo.InvariantCulture)
                : null,
            ParameterKind.Boolean => trimmed.ToLowerInvariant() is "true" or "false" ? trimmed.ToLowerInvariant() : null,
            _ => trimmed.ToLowerInvariant(),
        };
        if (canonical is null || !_isValid(canonical))
        {
            error = $"'{trimmed}' is not a valid value of {Name}: {Rule}";
            return null;
        }

        error = null;
        return canonical;
    }

    /// <summary>Whether a numeric bound of a range is a valid value (the same rule as single values).</summary>
    internal bool AcceptsBound(double value) => double.IsFinite(value) && _isValid(FormatSample(value));

    /// <summary>A sampled number as this parameter's canonical text (integers rounded to the nearest).</summary>
    internal string FormatSample(double value) => Kind == ParameterKind.Integer
        ? ((int)Math.Round(value, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture)
        : FormatNumber(value);

    /// <summary>Shortest round-trip text with a lowercase exponent, e.g. <c>0.0058</c>, <c>1e-06</c>.</summary>
    internal static string FormatNumber(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>Parses an invariant-culture real number (exponents allowed).</summary>
    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
