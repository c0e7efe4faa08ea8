namespace NativeNet.Tuning;

/// <summary>How a search runs locally (none of this changes any trial's result).</summary>
public sealed record SearchOptions
{
    /// <summary>Trials trained at once, each on its own thread with its own network; default: one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Successive halving instead of training every trial to the end; null (default) trains them all.</summary>
    public SuccessiveHalvingOptions? Halving { get; init; }

    /// <summary>
    /// Called as each trial ends, with its result, so a caller can save it at once and an interrupted search
    /// keeps its finished trials. Several trials may end at once: calls can come from several threads together.
    /// Not called by successive halving, whose trials end only when the whole search does.
    /// </summary>
    public Action<TrialResult>? TrialFinished { get; init; }

    /// <summary>
    /// Results of trials of the same spec that already ran (read back from their result files): those trials
    /// are not trained again and their results go into the report as they are. Ignored by successive halving.
    /// </summary>
    public IReadOnlyCollection<TrialResult> Finished { get; init; } = [];

    /// <summary>Throws a clear exception for an invalid setting.</summary>
    public void Validate()
    {
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "At least one trial must run at a time.");
        }

        Halving?.Validate();
    }
}
