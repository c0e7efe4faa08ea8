using System.Globalization;
using System.Text;
using NativeNet.IO;

namespace NativeNet.Tuning;

/// <summary>
/// The text file of one trial's result, <c>trial-00042.txt</c>: a <c>[spec]</c> section (the whole spec, so each file
/// stands alone and a merge can check that all files agree), a <c>[trial]</c> section (<c>key = value</c>: index,
/// stop reason, final validation accuracy and every hyperparameter) and an <c>[epochs]</c> CSV table
/// (<c>epoch,train_accuracy,validation_accuracy</c>). Numbers are written in round-trip form, so reading gives
/// back the same bits.
/// </summary>
public static class TrialResultFile
{
    /// <summary>The pattern of result file names in a folder.</summary>
    public const string SearchPattern = "trial-*.txt";

    private const string Header = "# nativenet tuning trial result";
    private const string EpochsHeader = "epoch,train_accuracy,validation_accuracy";

    /// <summary>The file name of trial <paramref name="index"/>: <c>trial-00042.txt</c>.</summary>
    public static string FileName(int index) => $"trial-{index.ToString("D5", CultureInfo.InvariantCulture)}.txt";

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

    /// <summary>The file's text.</summary>
    public static string Format(SearchSpec spec, TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("[spec]\n").Append(spec.ToText());
        text.Append("[trial]\n");
        text.Append(CultureInfo.InvariantCulture, $"index = {result.Index}\n");
        text.Append(CultureInfo.InvariantCulture, $"stop = {result.StopReason.ToString().ToLowerInvariant()}\n");
        text.Append(CultureInfo.InvariantCulture, $"final_validation_accuracy = {Number(result.FinalValidationAccuracy)}\n");
        for (int i = 0; i < TunableParameters.All.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{TunableParameters.All[i].Name} = {result.Hyperparameters.Values[i]}\n");
        }

        text.Append("[epochs]\n").Append(EpochsHeader).Append('\n');
        for (int e = 0; e < result.EpochsTrained; e++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e + 1},{Number(result.TrainAccuracies[e])},{Number(result.ValidationAccuracies[e])}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads a result file.</summary>
    /// <exception cref="InvalidFileFormatException">The file is malformed, or its hyperparameters are not those its spec gives its index.</exception>
    public static (SearchSpec Spec, TrialResult Result) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of a result file; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidFileFormatException">The text is malformed.</exception>
    public static (SearchSpec Spec, TrialResult Result) Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        string[] lines = text.Split('\n');
        int specStart = Find(lines, "[spec]", 0, source);
        int trialStart = Find(lines, "[trial]", specStart + 1, source);
        int epochsStart = Find(lines, "[epochs]", trialStart + 1, source);
        var spec = SearchSpec.Parse(string.Join('\n', lines[(specStart + 1)..trialStart]), $"{source} [spec]");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int n = trialStart + 1; n < epochsStart; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !values.TryAdd(line[..equals].Trim(), line[(equals + 1)..].Trim()))
            {
                throw Error(source, n, $"expected a new 'key = value', got '{line}'.");
            }
        }

        int index = (int)Integer(Get(values, "index", source), source, "index");
        var stop = Get(values, "stop", source) switch
        {
            "completed" => TrialStopReason.Completed,
            "diverged" => TrialStopReason.Diverged,
            "pruned" => TrialStopReason.Pruned,
            var other => throw new InvalidFileFormatException($"{source}: unknown stop reason '{other}'."),
        };
        double final = Real(Get(values, "final_validation_accuracy", source), source, "final_validation_accuracy");
        var hyper = new string[TunableParameters.All.Count];
        for (int i = 0; i < hyper.Length; i++)
        {
            var parameter = TunableParameters.All[i];
            hyper[i] = parameter.Normalize(Get(values, parameter.Name, source), out string? error)
                ?? throw new InvalidFileFormatException($"{source}: {error}");
        }

        var hyperparameters = new Hyperparameters(hyper);
        if (index < 0 || index >= spec.Trials)
        {
            throw new InvalidFileFormatException($"{source}: trial index {index} is outside the spec's {spec.Trials} trials.");
        }

        if (!hyperparameters.Equals(spec.Sample(index)))
        {
            throw new InvalidFileFormatException($"{source}: the hyperparameters are not those the spec gives trial {index} (written by another version, or edited).");
        }

        var train = new List<double>();
        var validation = new List<double>();
        if (epochsStart + 1 >= lines.Length || lines[epochsStart + 1].Trim() != EpochsHeader)
        {
            throw Error(source, epochsStart + 1, $"expected the header '{EpochsHeader}'.");
        }

        for (int n = epochsStart + 2; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != 3 || Integer(cells[0], source, "epoch") != train.Count + 1)
            {
                throw Error(source, n, $"expected '{train.Count + 1},train_accuracy,validation_accuracy', got '{line}'.");
            }

            train.Add(Real(cells[1], source, "train_accuracy"));
            validation.Add(Real(cells[2], source, "validation_accuracy"));
        }

        return (spec, new TrialResult(index, hyperparameters, train, validation, final, stop));
    }

    private static int Find(string[] lines, string section, int start, string source)
    {
        for (int n = start; n < lines.Length; n++)
        {
            if (lines[n].Trim() == section)
            {
                return n;
            }
        }

        throw new InvalidFileFormatException($"{source}: missing the {section} section; not a trial result file.");
    }

    private static string Get(Dictionary<string, string> values, string key, string source) =>
        values.TryGetValue(key, out string? value) ? value : throw new InvalidFileFormatException($"{source}: the [trial] section has no '{key}'.");

    private static long Integer(string text, string source, string name) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new InvalidFileFormatException($"{source}: {name} '{text}' is not a whole number.");

    private static double Real(string text, string source, string name) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidFileFormatException($"{source}: {name} '{text}' is not a number.");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static InvalidFileFormatException Error(string source, int lineIndex, string message) => new($"{source} line {lineIndex + 1}: {message}");
}
