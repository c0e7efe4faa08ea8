using NativeNet.Data;

namespace NativeNet.Tuning;

/// <summary>
/// Random search as the book runs it: trial i draws its hyperparameters from the spec's ranges (see
/// <see cref="TrialSeeds"/>), trains on the spec's training split and is ranked by its final validation accuracy.
/// Trials run in parallel on local cores, each with its own network and workspace; the results are the same
/// whatever the degree of parallelism, and the same as running each trial alone (<see cref="RunTrial(SearchSpec, TuningData, int, CancellationToken)"/>)
/// and merging the result files (<see cref="TuningReport.Merge"/>). Only a training set is ever taken.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>Runs every trial of <paramref name="spec"/> (or successive halving, see <see cref="SearchOptions.Halving"/>).</summary>
    /// <param name="spec">The search.</param>
    /// <param name="trainingSet">The training set the spec's samples are taken from (never the test set).</param>
    /// <param name="options">Parallelism and halving; null for the defaults.</param>
    /// <param name="progress">Receives a report after every epoch of any trial, one at a time.</param>
    /// <param name="cancellationToken">Stops the search (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The report of all trials.</returns>
    public static TuningReport Run(
        SearchSpec spec,
        LabeledDataset<float> trainingSet,
        SearchOptions? options = null,
        IProgress<TuningProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var data = TuningData.Prepare(spec, trainingSet);
        return Run(spec, data, options, progress, cancellationToken);
    }

    /// <summary>Runs every trial of <paramref name="spec"/> on data already prepared from it.</summary>
    public static TuningReport Run(
        SearchSpec spec,
        TuningData data,
        SearchOptions? options = null,
        IProgress<TuningProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        spec.Validate();
        options ??= new SearchOptions();
        options.Validate();
        var recorded = Recorded(spec, options);
        if (options.Halving is not null)
        {
            return SuccessiveHalving.Run(spec, data, options, recorded, progress, cancellationToken);
        }

        // A result successive halving pruned is not a finished trial here: it trains on (from its checkpoint, if any).
        var results = recorded.Select(r => r?.StopReason == TrialStopReason.Pruned ? null : r).ToArray();
        long planned = 0;
        for (int i = 0; i < spec.Trials; i++)
        {
            planned += results[i] is null ? spec.Sample(i).Epochs : 0;
        }

        var tracker = new ProgressTracker(progress, spec.Trials, planned);
        int alreadyFinished = results.Count(r => r is not null);
        if (alreadyFinished > 0)
        {
            tracker.TrialsFinished(alreadyFinished);
        }

        var checkpoints = new TrialCheckpoints(options.CheckpointDirectory, spec, data);
        var running = new TrialSession?[spec.Trials];
        try
        {
            Parallel.For(0, spec.Trials, Parallelism(options, cancellationToken), i =>
            {
                if (results[i] is not null)
                {
                    checkpoints.Delete(i); // left by an earlier run that then finished the trial, if any
                    return;
                }

                var session = running[i] = checkpoints.Open(i, int.MaxValue);
                session.TrainTo(session.TargetEpochs, tracker.EpochDone, cancellationToken);
                var result = session.Result();
                results[i] = result;
                running[i] = null;
                options.TrialFinished?.Invoke(result);
                checkpoints.Delete(i);
                tracker.TrialsFinished(1);
            });
        }
        catch (Exception e) when (TrialCheckpoints.IsCancellation(e))
        {
            // Every trial has stopped after its current step: keep the unfinished ones for the next run.
            checkpoints.SaveAll(running);
            throw;
        }

        return new TuningReport(spec, results.Select(r => r!));
    }

    /// <summary>The results of earlier runs (<see cref="SearchOptions.Finished"/>) by trial index, checked against the spec.</summary>
    private static TrialResult?[] Recorded(SearchSpec spec, SearchOptions options)
    {
        var recorded = new TrialResult?[spec.Trials];
        foreach (var finished in options.Finished)
        {
            if (finished.Index < 0 || finished.Index >= spec.Trials || !finished.Hyperparameters.Equals(spec.Sample(finished.Index)))
            {
                throw new ArgumentException($"Finished trial {finished.Index} is not a trial of this spec.", nameof(options));
            }

            recorded[finished.Index] = finished;
        }

        return recorded;
    }

    /// <summary>Runs trial <paramref name="index"/> of <paramref name="spec"/> alone, as a scaled-out worker does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="SearchSpec.Trials"/>.</exception>
    public static TrialResult RunTrial(SearchSpec spec, TuningData data, int index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        spec.Validate();
        if (index < 0 || index >= spec.Trials)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Trial index must be in [0, {spec.Trials}) for a spec of {spec.Trials} trials.");
        }

        var session = new TrialSession(spec, data, index);
        session.TrainTo(session.TargetEpochs, null, cancellationToken);
        return session.Result();
    }

    /// <summary>Runs trial <paramref name="index"/> of <paramref name="spec"/> alone on the spec's split of <paramref name="trainingSet"/>.</summary>
    public static TrialResult RunTrial(SearchSpec spec, LabeledDataset<float> trainingSet, int index, CancellationToken cancellationToken = default) =>
        RunTrial(spec, TuningData.Prepare(spec, trainingSet), index, cancellationToken);

    /// <summary>
    /// Search, narrow, search again: round r runs <see cref="TuningReport.NextRound"/> of round r − 1's report, so each
    /// round samples from the ranges spanned by the previous round's best <paramref name="keepBest"/> trials.
    /// </summary>
    /// <param name="spec">The first round's spec.</param>
    /// <param name="trainingSet">The training set (never the test set).</param>
    /// <param name="rounds">Rounds to run, at least 1.</param>
    /// <param name="keepBest">How many of the best trials set the next round's ranges.</param>
    /// <param name="options">Parallelism and halving; null for the defaults.</param>
    /// <param name="progress">Receives every round's reports.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>One report per round.</returns>
    public static IReadOnlyList<TuningReport> RunRounds(
        SearchSpec spec,
        LabeledDataset<float> trainingSet,
        int rounds,
        int keepBest,
        SearchOptions? options = null,
        IProgress<TuningProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keepBest);
        var data = TuningData.Prepare(spec, trainingSet);
        var reports = new List<TuningReport>(rounds);
        for (int r = 0; r < rounds; r++)
        {
            var current = r == 0 ? spec : reports[^1].NextRound(keepBest);
            reports.Add(Run(current, data, options, progress, cancellationToken));
        }

        return reports;
    }

    internal static ParallelOptions Parallelism(SearchOptions options, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
}
