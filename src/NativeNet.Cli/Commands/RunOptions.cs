using System.CommandLine;
using System.Globalization;

namespace NativeNet.Cli.Commands;

/// <summary>
/// The options that define a training run, as text: what a checkpoint keeps so that <c>--resume</c> continues
/// with the run's own options. Values are canonical (numbers round-trip, paths absolute), so an option repeated
/// with the same meaning on resume agrees with the stored one and any other value is a conflict.
/// </summary>
internal static class RunOptions
{
    /// <summary>The canonical text of every option of <paramref name="options"/> that has a value (given or default).</summary>
    public static Dictionary<string, string> Capture(ParseResult parseResult, IEnumerable<Option> options, IReadOnlySet<string> pathOptions)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (Canonical(parseResult, option, pathOptions) is { } text)
                values[option.Name] = text;
        }

        return values;
    }

    /// <summary>
    /// The options of a stored run, parsed again by the same command; refuses an option given now whose value
    /// differs from the stored run's (a resumed run keeps its own options: anything else would not continue it).
    /// </summary>
    public static ParseResult Restore(Command command, ParseResult given, IReadOnlyDictionary<string, string> stored, IEnumerable<Option> options, IReadOnlySet<string> pathOptions, string checkpointPath)
    {
        foreach (var option in options)
        {
            if (given.GetResult(option) is not { Implicit: false })
                continue;
            var value = Canonical(given, option, pathOptions);
            stored.TryGetValue(option.Name, out var saved);
            if (!string.Equals(value, saved, StringComparison.Ordinal))
            {
                var was = saved is null ? "does not set it" : $"has {option.Name} {saved}";
                throw new CliUsageException($"{option.Name} {value ?? "(none)"} conflicts with the run in '{checkpointPath}', which {was}; a resumed run keeps its own options, so leave {option.Name} out.");
            }
        }

        var known = options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var arguments = new List<string>();
        foreach (var (name, value) in stored.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!known.Contains(name))
                throw new CliFailureException($"'{checkpointPath}' was written with option {name}, which this version of train does not know.");
            arguments.Add($"{name}={value}");
        }

        var parsed = command.Parse(arguments);
        if (parsed.Errors.Count > 0)
            throw new CliFailureException($"The options stored in '{checkpointPath}' do not parse: {parsed.Errors[0].Message}");
        return parsed;
    }

    private static string? Canonical(ParseResult parseResult, Option option, IReadOnlySet<string> pathOptions)
    {
        object? value = option switch
        {
            Option<string> s => parseResult.GetValue(s),
            Option<int> i => parseResult.GetValue(i),
            Option<int?> i => parseResult.GetValue(i),
            Option<double> d => parseResult.GetValue(d),
            Option<double?> d => parseResult.GetValue(d),
            Option<bool> b => parseResult.GetValue(b),
            _ => throw new InvalidOperationException($"{option.Name}: no canonical text for {option.GetType().Name}."),
        };
        return value switch
        {
            null => null,
            string path when pathOptions.Contains(option.Name) => Path.GetFullPath(path),
            string text => text,
            bool flag => flag ? "true" : "false",
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
