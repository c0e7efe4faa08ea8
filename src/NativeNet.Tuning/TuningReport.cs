using System.Globalization;
using System.Text;

namespace NativeNet.Tuning;

/// <summary>
/// The trials of one spec: in index order, ranked, with the epochs they trained in all. Built by a local search or
/// by <see cref="Merge"/> from per-trial result files; the two are equal for the same spec.
/// </summary>
public sealed class TuningReport
{
    /// <summary>Collects <paramref name="trials"/> of <paramref name="spec"/> (any order, no index twice).</summary>
    /// <exception cref="ArgumentException">An index repeats or is outside the spec's trials.</exception>
    public TuningReport(SearchSpec spec, IEnumerable<TrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(trials);
        Spec = spec;
        var sorted = trials.OrderBy(t => t.Index).ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Index >= spec.Trials)
            {
                throw new ArgumentException($"Trial {sorted[i].Index} is outside the spec's {spec.Trials} trials.", nameof(trials));
            }

            if (i > 0 && sorted[i].Index == sorted[i - 1].Index)
            {
                throw new ArgumentException($"Trial {sorted[i].Index} appears twice.", nameof(trials));
            }
        }

        Trials = sorted;
        Ranked = [.. sorted.OrderBy(t => t.StopReason == TrialStopReason.Pruned)
            .ThenByDescending(t => double.IsNaN(t.FinalValidationAccuracy) ? double.NegativeInfinity : t.FinalValidationAccuracy)
            .ThenBy(t => t.Index)];
        TotalEpochs = sorted.Sum(t => (long)t.EpochsTrained);
    }

    /// <summary>The spec the trials belong to.</summary>
    public SearchSpec Spec { get; }

    /// <summary>The trials by index.</summary>
    public IReadOnlyList<TrialResult> Trials { get; }

    /// <summary>
    /// The trials best first: by final validation accuracy, ties broken by the lower index; trials pruned by
    /// successive halving come after every trial that trained to the end.
    /// </summary>
    public IReadOnlyList<TrialResult> Ranked { get; }

    /// <summary>The best trial.</summary>
    /// <exception cref="InvalidOperationException">The report holds no trials.</exception>
    public TrialResult Best => Ranked.Count > 0 ? Ranked[0] : throw new InvalidOperationException("The report holds no trials.");

    /// <summary>Epochs trained over all trials (the cost successive halving reduces).</summary>
    public long TotalEpochs { get; }

    /// <summary>Trial indices of the spec with no result (for example workers of a scaled-out search that failed).</summary>
    public IReadOnlyList<int> MissingTrials =>
        [.. Enumerable.Range(0, Spec.Trials).Except(Trials.Select(t => t.Index))];

    /// <summary>The space narrowed to the best <paramref name="keepBest"/> trials (<see cref="RangeNarrowing"/>).</summary>
    public SearchSpace Narrow(int keepBest, double padding = RangeNarrowing.DefaultPadding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keepBest);
        return RangeNarrowing.Narrow(Spec.Space, [.. Ranked.Take(keepBest)], padding);
    }

    /// <summary>The spec of the next round: the narrowed space and <see cref="SearchSpec.Round"/> + 1 (fresh draws, same split).</summary>
    public SearchSpec NextRound(int keepBest, double padding = RangeNarrowing.DefaultPadding) =>
        Spec with { Space = Narrow(keepBest, padding), Round = Spec.Round + 1 };

    /// <summary>
    /// The book's table of the best trials, one line each:
    /// <c>Best-1 (val acc: 0.78) | lr: 0.0058, weight decay: 3.1e-07</c>, listing the searched parameters.
    /// </summary>
    public IReadOnlyList<string> FormatBest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var searched = Spec.Space.Searched;
        var lines = new List<string>();
        for (int r = 0; r < Math.Min(count, Ranked.Count); r++)
        {
            var trial = Ranked[r];
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"Best-{r + 1} (val acc: {trial.FinalValidationAccuracy.ToString("0.###", CultureInfo.InvariantCulture)})");
            if (searched.Count > 0)
            {
                line.Append(" | ").AppendJoin(", ", searched.Select(p => $"{p.DisplayName}: {Display(p, trial.Hyperparameters[p])}"));
            }

            if (trial.StopReason != TrialStopReason.Completed)
            {
                line.Append(CultureInfo.InvariantCulture, $" [{trial.StopReason.ToString().ToLowerInvariant()} after {trial.EpochsTrained} epochs]");
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>
    /// Reads every result file (<c>trial-*.json</c>) in <paramref name="directory"/> into one report, as if the
    /// trials had run in one local search. All files must come from the same spec; missing trials are allowed
    /// (see <see cref="MissingTrials"/>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidFileFormatException">No result files, a malformed file, result files of the old text format
    /// (<see cref="TrialResultFile.FindAll"/>), files of different specs, or a trial twice.</exception>
    public static TuningReport Merge(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Result folder '{directory}' does not exist.");
        }

        var paths = TrialResultFile.FindAll(directory);
        if (paths.Count == 0)
        {
            throw new InvalidFileFormatException($"'{directory}' holds no trial result files ({TrialResultFile.SearchPattern}).");
        }

        SearchSpec? spec = null;
        string? firstPath = null;
        var trials = new Dictionary<int, (TrialResult Result, string Path)>();
        foreach (var path in paths)
        {
            var (fileSpec, result) = TrialResultFile.Read(path);
            if (spec is null)
            {
                spec = fileSpec;
                firstPath = path;
            }
            else if (!spec.Equals(fileSpec))
            {
                throw new InvalidFileFormatException($"{path}: the trial belongs to a different spec than {firstPath}; merge the results of one spec at a time.");
            }

            if (!trials.TryAdd(result.Index, (result, path)))
            {
                throw new InvalidFileFormatException($"{path}: trial {result.Index} is also in {trials[result.Index].Path}.");
            }
        }

        return new TuningReport(spec!, trials.Values.Select(t => t.Result));
    }

    private static string Display(TunableParameter parameter, string value)
    {
        if (parameter.Kind != ParameterKind.Real)
        {
            return value;
        }

        double number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return number.ToString("G2", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }
}
