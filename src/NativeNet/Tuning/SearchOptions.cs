namespace NativeNet.Tuning;

/// <summary>How a search runs locally (none of this changes any trial's result).</summary>
public sealed record SearchOptions
{
    /// <summary>Trials trained at once, each on its own thread with its own network; default: one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Successive halving instead of training every trial to the end; null (default) trains them all.</summary>
    public SuccessiveHalvingOptions? Halving { get; init; }

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
