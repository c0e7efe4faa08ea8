namespace NativeNet.Data;

/// <summary>How <see cref="BatchSampler"/> picks the samples of each mini-batch.</summary>
public enum SamplingMode
{
    /// <summary>
    /// Each batch draws its indices independently and uniformly, with replacement, like the reference's
    /// <c>np.random.choice(train_size, batch_size)</c>; an epoch is <c>max(N / batchSize, 1)</c> batches.
    /// </summary>
    WithReplacement,

    /// <summary>
    /// Each epoch walks a fresh random permutation of all N samples in consecutive batches, so every sample
    /// is seen exactly once per epoch; the last batch of an epoch is smaller when N is not a multiple of
    /// the batch size, and an epoch is <c>ceil(N / batchSize)</c> batches.
    /// </summary>
    PermutationPerEpoch,
}
