namespace NativeNet.Tuning;

/// <summary>
/// Successive halving: train every trial for <see cref="MinEpochs"/> epochs, keep the best <c>⌈n/η⌉</c> by validation
/// accuracy, train those <see cref="Eta"/> times as far, and so on until the spec's epochs. With the defaults on the
/// book's search (50 epochs) the rungs are 6, 18 and 50 epochs and about 28% of the full search's epochs are trained.
/// </summary>
public sealed record SuccessiveHalvingOptions
{
    /// <summary>The reduction factor η: each rung keeps 1/η of the trials and trains η times as many epochs; default 3.</summary>
    public int Eta { get; init; } = 3;

    /// <summary>Epochs of the first rung; 0 (default) picks <c>⌈maxEpochs / η²⌉</c>, giving three rungs.</summary>
    public int MinEpochs { get; init; }

    /// <summary>Throws a clear exception for an invalid setting.</summary>
    public void Validate()
    {
        if (Eta < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Eta), Eta, "η must be at least 2 (each rung keeps 1/η of the trials).");
        }

        if (MinEpochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinEpochs), MinEpochs, "The first rung's epochs must be positive (or 0 for automatic).");
        }
    }

    /// <summary>The epoch count each rung trains to, ending at <paramref name="maxEpochs"/>: <c>r, rη, rη², …, maxEpochs</c>.</summary>
    public IReadOnlyList<int> Rungs(int maxEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEpochs);
        Validate();
        int first = MinEpochs > 0 ? MinEpochs : (int)Math.Ceiling(maxEpochs / (double)(Eta * Eta));
        var rungs = new List<int>();
        for (long epochs = Math.Max(1, first); epochs < maxEpochs; epochs *= Eta)
        {
            rungs.Add((int)epochs);
        }

        rungs.Add(maxEpochs);
        return rungs;
    }
}
