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
    /// keeps its finished trials. With successive halving it is also called as a trial ends each rung, with the
    /// result it has if it stops there (pruned); a later call for the same trial supersedes the earlier one.
    /// Several trials may end at once: calls can come from several threads together.
    /// </summary>
    public Action<TrialResult>? TrialFinished { get; init; }

    /// <summary>
    /// Results of trials of the same spec that already ran (read back from their result files, for example after
    /// Ctrl-C): those trials are not trained again and their results go into the report as they are. Successive
    /// halving also takes the results of rungs (pruned results), standing for every rung their epochs cover; a
    /// search without halving trains a pruned trial on to its end.
    /// </summary>
    public IReadOnlyCollection<TrialResult> Finished { get; init; } = [];

    /// <summary>
    /// A folder for the checkpoints of unfinished trials, or null (default) for none. When the search is cancelled,
    /// every trial that would train on (stopped mid-epoch, or between the rungs of successive halving) saves
    /// <c>trial-00042.ckpt</c> there; a later search of the same spec continues each from its checkpoint, bit for
    /// bit, and deletes it once the trial's result is passed to <see cref="TrialFinished"/>. A checkpoint of
    /// another spec or trial is an error (<see cref="InvalidFileFormatException"/>), never silently reused.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

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
