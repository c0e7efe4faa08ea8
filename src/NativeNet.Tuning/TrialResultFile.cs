using System.Globalization;
using System.Text.Json;
using NativeNet.IO;

namespace NativeNet.Tuning;

/// <summary>
/// The JSON file of one trial's result, <c>trial-00042.json</c>: the format and its version, the whole spec as its
/// <c>key = value</c> lines (so each file stands alone and a merge can check that all files agree), the trial's index,
/// stop reason, final validation accuracy and every hyperparameter, and one entry per epoch with the training and
/// validation accuracy. Numbers are written in shortest round-trip form, so reading gives back the same bits.
/// Written and read with source-generated System.Text.Json (no reflection).
/// </summary>
public static class TrialResultFile
{
    /// <summary>The pattern of result file names in a folder.</summary>
    public const string SearchPattern = "trial-*.json";

    /// <summary>The value of the <c>format</c> member that marks a trial result file.</summary>
    public const string FormatName = "nativenet tuning trial result";

    /// <summary>The version of the JSON layout this library writes and reads.</summary>
    public const int FormatVersion = 1;

    // The text files of earlier versions: their name pattern and first line, recognised to give a clear error.
    private const string LegacyPattern = "trial-*.txt";
    private const string LegacyHeader = "# nativenet tuning trial result";

    /// <summary>The file name of trial <paramref name="index"/>: <c>trial-00042.json</c>.</summary>
    public static string FileName(int index) => $"trial-{index.ToString("D5", CultureInfo.InvariantCulture)}.json";

    /// <summary>Writes <paramref name="result"/> into <paramref name="directory"/> (created if needed), replacing the file atomically.</summary>
    /// <returns>The path written.</returns>
    public static string Write(string directory, SearchSpec spec, TrialResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName(result.Index));
        // Atomic, so a merge running meanwhile never sees half a file.
        AtomicFile.WriteAllText(path, Format(spec, result));
        return path;
    }

    /// <summary>The file's text (indented JSON, <c>\n</c> line breaks).</summary>
    public static string Format(SearchSpec spec, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(result);
        var hyperparameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < TunableParameters.All.Count; i++)
        {
            hyperparameters.Add(TunableParameters.All[i].Name, result.Hyperparameters.Values[i]);
        }

        var document = new TrialResultDocument
        {
            Format = FormatName,
            Version = FormatVersion,
            Spec = spec.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Index = result.Index,
            Stop = result.StopReason.ToString().ToLowerInvariant(),
            FinalValidationAccuracy = result.FinalValidationAccuracy,
            Hyperparameters = hyperparameters,
            Epochs = [.. Enumerable.Range(0, result.EpochsTrained).Select(e => new EpochRecord
            {
                Epoch = e + 1,
                TrainAccuracy = result.TrainAccuracies[e],
                ValidationAccuracy = result.ValidationAccuracies[e],
            })],
        };
        return JsonSerializer.Serialize(document, TuningJsonContext.Default.TrialResultDocument) + "\n";
    }

    /// <summary>Reads a result file.</summary>
    /// <exception cref="InvalidFileFormatException">The file is malformed, in the text format of earlier versions, or
    /// its hyperparameters are not those its spec gives its index.</exception>
    public static (SearchSpec Spec, TrialResult Result) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// The result files in <paramref name="directory"/> (<see cref="SearchPattern"/>), in name order; none if the
    /// folder does not exist.
    /// </summary>
    /// <exception cref="InvalidFileFormatException">The folder holds result files of the text format of earlier
    /// versions (<c>trial-*.txt</c>), which are no longer read.</exception>
    public static IReadOnlyList<string> FindAll(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        string[] legacy = Directory.GetFiles(directory, LegacyPattern);
        if (legacy.Length > 0)
        {
            Array.Sort(legacy, StringComparer.Ordinal);
            throw new InvalidFileFormatException(
                $"'{directory}' holds {legacy.Length} trial result file(s) in the old text format ({LegacyPattern}, first {Path.GetFileName(legacy[0])}), "
                + $"which this version no longer reads: results are now JSON ({SearchPattern}). Run those trials again "
                + "(the same spec and trial index give the same result) and delete the .txt files.");
        }

        string[] paths = Directory.GetFiles(directory, SearchPattern);
        Array.Sort(paths, StringComparer.Ordinal);
        return paths;
    }

    /// <summary>Parses the text of a result file; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidFileFormatException">The text is malformed, in the text format of earlier versions, or
    /// its hyperparameters are not those its spec gives its index.</exception>
    public static (SearchSpec Spec, TrialResult Result) Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (text.TrimStart().StartsWith(LegacyHeader, StringComparison.Ordinal))
        {
            throw new InvalidFileFormatException(
                $"{source}: a trial result in the old text format ('{LegacyHeader}'), which this version no longer reads: results are now JSON. "
                + "Run the trial again (the same spec and trial index give the same result).");
        }

        TrialResultDocument document;
        try
        {
            document = JsonSerializer.Deserialize(text, TuningJsonContext.Default.TrialResultDocument)
                ?? throw new InvalidFileFormatException($"{source}: the file holds null, not a trial result.");
        }
        catch (JsonException e)
        {
            throw new InvalidFileFormatException($"{source}: not a valid trial result file: {e.Message}", e);
        }

        if (document.Format != FormatName || document.Version != FormatVersion)
        {
            throw new InvalidFileFormatException(
                $"{source}: format '{document.Format}' version {document.Version}; this version reads '{FormatName}' version {FormatVersion}.");
        }

        var spec = SearchSpec.Parse(string.Join('\n', document.Spec), $"{source} spec");
        var stop = document.Stop switch
        {
            "completed" => TrialStopReason.Completed,
            "diverged" => TrialStopReason.Diverged,
            "pruned" => TrialStopReason.Pruned,
            var other => throw new InvalidFileFormatException($"{source}: unknown stop reason '{other}'; expected completed, diverged or pruned."),
        };
        var hyper = new string[TunableParameters.All.Count];
        for (int i = 0; i < hyper.Length; i++)
        {
            var parameter = TunableParameters.All[i];
            if (!document.Hyperparameters.TryGetValue(parameter.Name, out string? value))
            {
                throw new InvalidFileFormatException($"{source}: the hyperparameters have no '{parameter.Name}'.");
            }

            hyper[i] = parameter.Normalize(value, out string? error) ?? throw new InvalidFileFormatException($"{source}: {error}");
        }

        var hyperparameters = new Hyperparameters(hyper);
        int index = document.Index;
        if (index < 0 || index >= spec.Trials)
        {
            throw new InvalidFileFormatException($"{source}: trial index {index} is outside the spec's {spec.Trials} trials.");
        }

        if (!hyperparameters.Equals(spec.Sample(index)))
        {
            throw new InvalidFileFormatException($"{source}: the hyperparameters are not those the spec gives trial {index} (written by another version, or edited).");
        }

        for (int e = 0; e < document.Epochs.Count; e++)
        {
            if (document.Epochs[e].Epoch != e + 1)
            {
                throw new InvalidFileFormatException($"{source}: epochs[{e}] is epoch {document.Epochs[e].Epoch}; expected epoch {e + 1}.");
            }
        }

        var result = new TrialResult(
            index,
            hyperparameters,
            document.Epochs.Select(e => e.TrainAccuracy),
            document.Epochs.Select(e => e.ValidationAccuracy),
            document.FinalValidationAccuracy,
            stop);
        return (spec, result);
    }
}
