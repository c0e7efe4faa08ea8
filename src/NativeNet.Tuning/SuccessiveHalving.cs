namespace NativeNet.Tuning;

/// <summary>
/// Successive halving over a spec's trials (<see cref="SuccessiveHalvingOptions"/>). A trial that goes on to the
/// next rung continues where it stopped, so a surviving trial's curve is exactly its curve in the full search;
/// trials left behind keep the curve they had, marked <see cref="TrialStopReason.Pruned"/>.
/// Each trial's result is passed to <see cref="SearchOptions.TrialFinished"/> as it ends each rung, and results of
/// an earlier, interrupted search (<see cref="SearchOptions.Finished"/>) stand for the rungs they cover: since a
/// curve trained in pieces equals the curve trained at once, the ranking and the report are those of an
/// uninterrupted search.
/// </summary>
internal static class SuccessiveHalving
{
    public static TuningReport Run(SearchSpec spec, TuningData data, SearchOptions options, TrialResult?[] recorded, IProgress<TuningProgress>? progress, CancellationToken cancellationToken)
    {
        var halving = options.Halving!;
        var rungs = halving.Rungs(spec.MaxEpochs);
        var tracker = new ProgressTracker(progress, spec.Trials, PlannedEpochs(spec.Trials, rungs, halving.Eta));
        var checkpoints = new TrialCheckpoints(options.CheckpointDirectory, spec, data);
        var targets = Enumerable.Range(0, spec.Trials).Select(i => spec.Sample(i).Epochs).ToArray();
        var results = new TrialResult[spec.Trials];
        var sessions = new TrialSession?[spec.Trials];
        var alive = Enumerable.Range(0, spec.Trials).ToArray();
        try
        {
            for (int k = 0; k < rungs.Count; k++)
            {
                int epochs = rungs[k];
                int[] current = alive;
                tracker.Stage = $"rung {k + 1}/{rungs.Count}: {current.Length} trials to {epochs} epochs";
                Parallel.For(0, current.Length, HyperparameterSearch.Parallelism(options, cancellationToken), j =>
                {
                    int i = current[j];
                    if (Reached(recorded[i], Math.Min(epochs, targets[i])))
                    {
                        return;
                    }

                    var session = sessions[i] ??= checkpoints.Open(i, epochs);
                    session.TrainTo(epochs, tracker.EpochDone, cancellationToken);
                    // The result if the trial stops here; a later rung's result supersedes it.
                    var result = session.Result(pruned: true);
                    recorded[i] = result;
                    options.TrialFinished?.Invoke(result);
                    checkpoints.Delete(i);
                });

                bool last = k == rungs.Count - 1;
                int keep = last ? 0 : (current.Length + halving.Eta - 1) / halving.Eta;
                var ranked = current.OrderByDescending(i => Score(recorded[i]!, Math.Min(epochs, targets[i]))).ThenBy(i => i).ToArray();
                alive = ranked[..keep];
                foreach (int i in ranked[keep..])
                {
                    results[i] = AtRung(recorded[i]!, Math.Min(epochs, targets[i]), targets[i]);
                    sessions[i] = null; // let the pruned network go
                    checkpoints.Delete(i); // one an earlier, interrupted run left, if any
                }

                tracker.TrialsFinished(current.Length - keep);
            }
        }
        catch (Exception e) when (TrialCheckpoints.IsCancellation(e))
        {
            // No trial runs now: keep every one that would train on, mid-epoch or between rungs.
            checkpoints.SaveAll(sessions);
            throw;
        }

        return new TuningReport(spec, results);
    }

    /// <summary>Epochs the schedule trains when no trial diverges and every trial runs the spec's longest epochs.</summary>
    internal static long PlannedEpochs(int trials, IReadOnlyList<int> rungs, int eta)
    {
        long total = 0;
        int count = trials;
        int previous = 0;
        foreach (int epochs in rungs)
        {
            total += (long)count * (epochs - previous);
            previous = epochs;
            count = (count + eta - 1) / eta;
        }

        return total;
    }

    /// <summary>Whether a recorded result covers a rung of <paramref name="epochs"/> epochs (or the trial stopped for good).</summary>
    private static bool Reached(TrialResult? result, int epochs) =>
        result is not null && (result.EpochsTrained >= epochs || result.StopReason is TrialStopReason.Diverged or TrialStopReason.Completed);

    // The validation accuracy after the rung's epochs; a trial that diverged before them ranks below every trial still learning.
    private static double Score(TrialResult result, int epochs) =>
        result.EpochsTrained >= epochs ? result.ValidationAccuracies[epochs - 1] : double.NegativeInfinity;

    /// <summary>The result a trial stopped after <paramref name="epochs"/> epochs has: a longer recorded curve cut there.</summary>
    private static TrialResult AtRung(TrialResult result, int epochs, int target) =>
        result.EpochsTrained <= epochs ? result : new TrialResult(
            result.Index,
            result.Hyperparameters,
            result.TrainAccuracies.Take(epochs),
            result.ValidationAccuracies.Take(epochs),
            result.ValidationAccuracies[epochs - 1],
            epochs < target ? TrialStopReason.Pruned : TrialStopReason.Completed);
}
