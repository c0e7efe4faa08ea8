namespace NativeNet.Data;

/// <summary>
/// Produces the sample indices of successive mini-batches from a seeded random generator, in either
/// <see cref="SamplingMode"/>. The same seed gives the same sequence of batches. Drawing a batch writes
/// into a caller-provided span and allocates nothing (the permutation buffer is allocated once, here).
/// </summary>
public sealed class BatchSampler
{
    private readonly Random _random;
    private readonly int[] _order;
    private int _cursor;

    /// <summary>Creates a sampler over the indices <c>0 .. sampleCount-1</c>.</summary>
    /// <param name="sampleCount">Number of samples in the dataset (N), positive.</param>
    /// <param name="batchSize">Indices per batch, positive; in permutation mode at most N are used per batch.</param>
    /// <param name="mode">With replacement (the reference) or a fresh permutation per epoch.</param>
    /// <param name="seed">Seed of the generator, so runs are reproducible.</param>
    public BatchSampler(int sampleCount, int batchSize, SamplingMode mode, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (mode is not (SamplingMode.WithReplacement or SamplingMode.PermutationPerEpoch))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown sampling mode.");
        }

        SampleCount = sampleCount;
        BatchSize = batchSize;
        Mode = mode;
        _random = new Random(seed);
        _order = [];
        if (mode == SamplingMode.PermutationPerEpoch)
        {
            _order = new int[sampleCount];
            for (int i = 0; i < sampleCount; i++)
            {
                _order[i] = i;
            }
        }

        _cursor = sampleCount; // forces a fresh permutation before the first batch
    }

    /// <summary>Number of samples N the indices range over.</summary>
    public int SampleCount { get; }

    /// <summary>The requested number of indices per batch.</summary>
    public int BatchSize { get; }

    /// <summary>The sampling mode.</summary>
    public SamplingMode Mode { get; }

    /// <summary>
    /// Batches per epoch: <c>max(N / batchSize, 1)</c> with replacement (as the reference trainer counts),
    /// <c>ceil(N / batchSize)</c> for a permutation, so that the epoch covers every sample.
    /// </summary>
    public int BatchesPerEpoch => Mode == SamplingMode.WithReplacement
        ? Math.Max(SampleCount / BatchSize, 1)
        : (int)((SampleCount + (long)BatchSize - 1) / BatchSize);

    /// <summary>Number of batches drawn so far.</summary>
    public long BatchesDrawn { get; private set; }

    /// <summary>Number of complete epochs drawn so far (<see cref="BatchesDrawn"/> / <see cref="BatchesPerEpoch"/>).</summary>
    public long EpochsCompleted => BatchesDrawn / BatchesPerEpoch;

    /// <summary>
    /// Writes the indices of the next batch to the start of <paramref name="destination"/>.
    /// </summary>
    /// <param name="destination">Receives the indices; needs room for <c>min(BatchSize, N)</c> of them.</param>
    /// <returns>
    /// How many indices were written: <see cref="BatchSize"/> with replacement; with a permutation the
    /// samples left in the current epoch, at most <see cref="BatchSize"/>.
    /// </returns>
    /// <exception cref="ShapeMismatchException">The destination is too short.</exception>
    public int NextBatch(Span<int> destination)
    {
        int needed = Mode == SamplingMode.WithReplacement ? BatchSize : Math.Min(BatchSize, SampleCount);
        if (destination.Length < needed)
        {
            ThrowDestinationTooShort(destination.Length, needed);
        }

        int count;
        if (Mode == SamplingMode.WithReplacement)
        {
            count = BatchSize;
            for (int i = 0; i < count; i++)
            {
                destination[i] = _random.Next(SampleCount);
            }
        }
        else
        {
            if (_cursor == SampleCount)
            {
                Permutation.Shuffle(_order, _random);
                _cursor = 0;
            }

            count = Math.Min(BatchSize, SampleCount - _cursor);
            _order.AsSpan(_cursor, count).CopyTo(destination);
            _cursor += count;
        }

        BatchesDrawn++;
        return count;
    }

    private static void ThrowDestinationTooShort(int length, int needed)
    {
        throw new ShapeMismatchException($"The index destination holds {length} elements, but a batch needs {needed}.", "destination");
    }
}
