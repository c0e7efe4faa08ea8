using System.Globalization;

namespace NativeNet.Tuning;

/// <summary>The hand-written reader of spec files (no reflection): one <c>key = value</c> per line.</summary>
internal static class SpecParser
{
    private static readonly string[] _settingKeys = ["seed", "round", "trials", "train_samples", "validation_fraction"];

    public static SearchSpec Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var spec = SearchSpec.Default;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            int lineNumber = n + 1;
            string line = StripComment(lines[n]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Error(source, lineNumber, $"expected 'key = value', got '{line}'.");
            }

            string key = line[..equals].Trim();
            string value = line[(equals + 1)..].Trim();
            if (value.Length == 0)
            {
                throw Error(source, lineNumber, $"'{key}' has no value.");
            }

            if (seen.TryGetValue(key, out int previous))
            {
                throw Error(source, lineNumber, $"'{key}' is already set on line {previous}.");
            }

            seen[key] = lineNumber;
            try
            {
                spec = Apply(spec, key, value);
            }
            catch (ArgumentException e)
            {
                throw Error(source, lineNumber, WithoutParameterSuffix(e));
            }
            catch (FormatException e)
            {
                throw Error(source, lineNumber, e.Message);
            }
        }

        try
        {
            spec.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidFileFormatException($"{source}: {WithoutParameterSuffix(e)}");
        }

        return spec;
    }

    private static SearchSpec Apply(SearchSpec spec, string key, string value)
    {
        switch (key)
        {
            case "seed":
                return spec with { Seed = Integer(key, value, int.MinValue) };
            case "round":
                return spec with { Round = Integer(key, value, 0, SearchSpec.MaxTrials) };
            case "trials":
                return spec with { Trials = Integer(key, value, 1, SearchSpec.MaxTrials) };
            case "train_samples":
                return spec with { TrainSamples = Integer(key, value, 2) };
            case "validation_fraction":
                double fraction = Number(key, value);
                if (!(fraction > 0 && fraction < 1))
                {
                    throw new FormatException($"validation_fraction must be in (0, 1), got {value}.");
                }

                return spec with { ValidationFraction = fraction };
        }

        var parameter = TunableParameters.Find(key)
            ?? throw new FormatException($"unknown option '{key}'. Settings: {string.Join(", ", _settingKeys)}; parameters: {string.Join(", ", TunableParameters.All.Select(p => p.Name))}.");
        return spec with { Space = spec.Space.With(parameter, ParseRange(parameter, value)) };
    }

    /// <summary>Reads <c>loguniform(a, b)</c>, <c>uniform(a, b)</c>, <c>choice(a, b, …)</c> or a plain value.</summary>
    internal static SearchRange ParseRange(TunableParameter parameter, string value)
    {
        int open = value.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            if (value.Contains(')', StringComparison.Ordinal) || value.Contains(',', StringComparison.Ordinal))
            {
                throw new FormatException($"malformed value '{value}' for {parameter.Name}: write a value, loguniform(min, max), uniform(min, max) or choice(a, b, ...).");
            }

            return ChoiceRange.Fixed(value);
        }

        if (!value.EndsWith(')'))
        {
            throw new FormatException($"malformed range '{value}': missing the closing ')'.");
        }

        string function = value[..open].Trim().ToLowerInvariant();
        string[] arguments = value[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
        if (arguments is [""])
        {
            arguments = [];
        }

        switch (function)
        {
            case "choice":
                if (arguments.Length == 0)
                {
                    throw new FormatException($"{parameter.Name} = {value}: the choice list is empty.");
                }

                if (arguments.Any(a => a.Length == 0))
                {
                    throw new FormatException($"{parameter.Name} = {value}: a choice is blank.");
                }

                return new ChoiceRange(arguments);
            case "loguniform":
            case "uniform":
                if (arguments.Length != 2)
                {
                    throw new FormatException($"{parameter.Name} = {value}: {function} takes two numbers, min and max.");
                }

                if (!parameter.IsNumeric)
                {
                    throw new FormatException($"{parameter.Name} = {value}: {parameter.Name} takes names, so only a value or choice(...) applies.");
                }

                double min = Number(parameter.Name, arguments[0]);
                double max = Number(parameter.Name, arguments[1]);
                if (function == "loguniform" && !(min > 0 && max > 0))
                {
                    throw new FormatException($"{parameter.Name} = {value}: log-uniform bounds must be greater than 0.");
                }

                return function == "loguniform" ? new LogUniformRange(min, max) : new UniformRange(min, max);
            default:
                throw new FormatException($"unknown range '{function}' in '{value}': use loguniform(min, max), uniform(min, max) or choice(a, b, ...).");
        }
    }

    private static int Integer(string key, string value, int minimum, int maximum = int.MaxValue)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result))
        {
            throw new FormatException($"{key} must be a whole number, got '{value}'.");
        }

        if (result < minimum || result > maximum)
        {
            throw new FormatException(maximum == int.MaxValue ? $"{key} must be at least {minimum}, got {result}." : $"{key} must be from {minimum} to {maximum}, got {result}.");
        }

        return result;
    }

    private static double Number(string key, string value) =>
        TunableParameter.TryNumber(value, out double result) ? result : throw new FormatException($"{key}: '{value}' is not a number.");

    private static string StripComment(string line)
    {
        int hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    private static InvalidFileFormatException Error(string source, int line, string message) =>
        new($"{source} line {line}: {message}");

    private static string WithoutParameterSuffix(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
}
