using NativeNet.Data;

namespace NativeNet.Tests.Data;

public class BatchSamplerTests
{
    private static int[][] Draw(BatchSampler sampler, int batches)
    {
        var result = new int[batches][];
        var buffer = new int[sampler.BatchSize];
        for (int i = 0; i < batches; i++)
        {
            int count = sampler.NextBatch(buffer);
            result[i] = buffer[..count];
        }

        return result;
    }

    [Theory]
    [InlineData(SamplingMode.WithReplacement)]
    [InlineData(SamplingMode.PermutationPerEpoch)]
    public void Same_seed_gives_the_same_batches_and_another_seed_others(SamplingMode mode)
    {
        int[][] first = Draw(new BatchSampler(100, 8, mode, seed: 42), 40);
        int[][] again = Draw(new BatchSampler(100, 8, mode, seed: 42), 40);
        int[][] other = Draw(new BatchSampler(100, 8, mode, seed: 43), 40);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first.SelectMany(b => b), i => Assert.InRange(i, 0, 99));
    }

    [Fact]
    public void Permutation_mode_covers_every_index_once_per_epoch()
    {
        var sampler = new BatchSampler(10, 3, SamplingMode.PermutationPerEpoch, seed: 7);
        Assert.Equal(4, sampler.BatchesPerEpoch);
        var epochs = new List<int[]>();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            int[][] batches = Draw(sampler, sampler.BatchesPerEpoch);
            Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Length));
            int[] all = [.. batches.SelectMany(b => b)];
            Assert.Equal(Enumerable.Range(0, 10), all.Order());
            epochs.Add(all);
            Assert.Equal(epoch + 1, sampler.EpochsCompleted);
        }

        Assert.True(epochs.Distinct(new SequenceComparer()).Count() > 1, "each epoch should draw a fresh permutation");
    }

    [Fact]
    public void Permutation_mode_with_a_batch_larger_than_the_data_returns_all_samples()
    {
        var sampler = new BatchSampler(5, 8, SamplingMode.PermutationPerEpoch, seed: 1);
        var buffer = new int[5];
        Assert.Equal(5, sampler.NextBatch(buffer));
        Assert.Equal(Enumerable.Range(0, 5), buffer.Order());
        Assert.Equal(1, sampler.BatchesPerEpoch);
    }

    [Fact]
    public void With_replacement_counts_epochs_as_the_reference()
    {
        Assert.Equal(100, new BatchSampler(10_000, 100, SamplingMode.WithReplacement, 0).BatchesPerEpoch);
        Assert.Equal(1, new BatchSampler(50, 100, SamplingMode.WithReplacement, 0).BatchesPerEpoch);
        Assert.Equal(3, new BatchSampler(10, 3, SamplingMode.WithReplacement, 0).BatchesPerEpoch);

        var sampler = new BatchSampler(10, 3, SamplingMode.WithReplacement, 0);
        int[][] batches = Draw(sampler, 7);
        Assert.All(batches, b => Assert.Equal(3, b.Length));
        Assert.Equal(7, sampler.BatchesDrawn);
        Assert.Equal(2, sampler.EpochsCompleted);
    }

    [Fact]
    public void With_replacement_draws_repeats_and_roughly_uniform_indices()
    {
        var sampler = new BatchSampler(10, 1000, SamplingMode.WithReplacement, seed: 9);
        var buffer = new int[1000];
        sampler.NextBatch(buffer);
        int[] counts = new int[10];
        foreach (int i in buffer)
        {
            counts[i]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 50, 150));
    }

    [Theory]
    [InlineData(SamplingMode.WithReplacement)]
    [InlineData(SamplingMode.PermutationPerEpoch)]
    public void NextBatch_allocates_nothing_even_across_epochs(SamplingMode mode)
    {
        var sampler = new BatchSampler(1000, 64, mode, seed: 3);
        var buffer = new int[64];
        sampler.NextBatch(buffer);
        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                sampler.NextBatch(buffer);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(sampler.EpochsCompleted >= 6);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(0, 1, SamplingMode.WithReplacement, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(1, 0, SamplingMode.WithReplacement, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(1, 1, (SamplingMode)7, 0));
        var sampler = new BatchSampler(10, 4, SamplingMode.WithReplacement, 0);
        Assert.Throws<ShapeMismatchException>(() => sampler.NextBatch(new int[3]));
    }

    [Theory]
    [InlineData(9, 5, 2)]
    [InlineData(4, 4, 1)]
    [InlineData(8, 3, 3)]
    public void A_permutation_epoch_is_the_ceiling_of_samples_over_batch_size(int samples, int batchSize, int batches)
    {
        // Found by mutation testing: ceil(N / B) written as (N + B + 1) / B passed every other test.
        var sampler = new BatchSampler(samples, batchSize, SamplingMode.PermutationPerEpoch, 0);
        Assert.Equal(batches, sampler.BatchesPerEpoch);
        Assert.Equal(samples, Draw(sampler, batches).Sum(b => b.Length));
    }

    [Fact]
    public void With_replacement_a_batch_larger_than_the_data_still_needs_room_for_the_whole_batch()
    {
        // With replacement a batch holds BatchSize indices even when N is smaller; a destination sized for N must be
        // refused up front, not overrun (found by mutation testing: the check used min(BatchSize, N) in both modes).
        var sampler = new BatchSampler(3, 5, SamplingMode.WithReplacement, 0);
        Assert.Throws<ShapeMismatchException>(() => sampler.NextBatch(new int[3]));
        Assert.Equal(5, sampler.NextBatch(new int[5]));
    }

    private sealed class SequenceComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj) => obj.Length == 0 ? 0 : obj[0];
    }
}
