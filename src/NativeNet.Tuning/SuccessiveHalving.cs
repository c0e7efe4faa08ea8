namespace NativeNet.Tuning;

/// <summary>
/// Successive halving over a spec's trials (<see cref="SuccessiveHalvingOptions"/>). A trial that goes on to the
/// next rung continues where it stopped, so a surviving trial's curve is exactly its curve in the full search;
/// trials left behind keep the curve they had, marked <see cref="TrialStopReason.Pruned"/>.
/// </summary>
internal static class SuccessiveHalving
{
    public static TuningReport Run(SearchSpec spec, TuningData data, SearchOptions options, IProgress<TuningProgress>? progress, CancellationToken cancellationToken)
    {
        var halving = options.Halving!;
        var rungs = halving.Rungs(spec.MaxEpochs);
        var tracker = new ProgressTracker(progress, spec.Trials, PlannedEpochs(spec.Trials, rungs, halving.Eta));
        var results = new TrialResult[spec.Trials];
        var sessions = new TrialSession[spec.Trials];
        var alive = Enumerable.Range(0, spec.Trials).ToArray();
        for (int k = 0; k < rungs.Count; k++)
        {
            int epochs = rungs[k];
            int[] current = alive;
            tracker.Stage = $"rung {k + 1}/{rungs.Count}: {current.Length} trials to {epochs} epochs";
            Parallel.For(0, current.Length, HyperparameterSearch.Parallelism(options, cancellationToken), j =>
            {
                int i = current[j];
                var session = sessions[i] ??= new TrialSession(spec, data, i);
                session.TrainTo(epochs, tracker.EpochDone, cancellationToken);
            });

            bool last = k == rungs.Count - 1;
            int keep = last ? 0 : (current.Length + halving.Eta - 1) / halving.Eta;
            var ranked = current.OrderByDescending(i => Score(sessions[i])).ThenBy(i => i).ToArray();
            alive = ranked[..keep];
            foreach (int i in ranked[keep..])
            {
                results[i] = sessions[i].Result(pruned: !last);
                sessions[i] = null!; // let the pruned network go
            }

            tracker.TrialsFinished(current.Length - keep);
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

    // A diverged trial ranks below every trial that is still learning.
    private static double Score(TrialSession session) =>
        session.Diverged || double.IsNaN(session.ValidationAccuracy) ? double.NegativeInfinity : session.ValidationAccuracy;
}
