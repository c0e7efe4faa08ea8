using NativeNet.Data;

namespace NativeNet.Tests.Data;

/// <summary>
/// Shuffles are uniform: over a fixed-seed sample, each of the 24 orders of 4 items is about as frequent as the
/// others (chi-square with 23 degrees of freedom under its 0.1% critical value, 49.73). A biased Fisher-Yates,
/// such as drawing j from [0, i) instead of [0, i], reaches only some orders and fails by far.
/// </summary>
public class ShuffleUniformityTests
{
    private const int Draws = 24_000;
    private const double CriticalChiSquare23 = 49.73;

    [Fact]
    public void Permutation_reaches_all_24_orders_of_4_items_equally_often()
    {
        var random = new Random(2024);
        var order = new int[4];
        AssertUniform(() =>
        {
            Permutation.FillRandom(order, random);
            return order;
        });
    }

    [Fact]
    public void The_batch_sampler_reaches_all_24_orders_of_an_epoch_equally_often()
    {
        // A batch of the whole set: each batch is one epoch's fresh permutation.
        var sampler = new BatchSampler(4, 4, SamplingMode.PermutationPerEpoch, seed: 2025);
        var batch = new int[4];
        AssertUniform(() =>
        {
            Assert.Equal(4, sampler.NextBatch(batch));
            return batch;
        });
    }

    [Fact]
    public void Each_epoch_of_the_batch_sampler_is_independent_of_the_one_before()
    {
        // The sampler reshuffles the previous epoch's order, so the orders alone can look uniform even when the
        // shuffle is not (a chain of biased shuffles still visits every order). What the shuffle did to the
        // previous order, where each item moved, must itself be uniform.
        var sampler = new BatchSampler(4, 4, SamplingMode.PermutationPerEpoch, seed: 2026);
        var previous = new int[4];
        var batch = new int[4];
        var moves = new int[4];
        sampler.NextBatch(previous);
        AssertUniform(() =>
        {
            Assert.Equal(4, sampler.NextBatch(batch));
            for (int p = 0; p < 4; p++)
                moves[p] = Array.IndexOf(previous, batch[p]);
            batch.CopyTo(previous, 0);
            return moves;
        });
    }

    private static void AssertUniform(Func<int[]> draw)
    {
        var counts = new Dictionary<int, int>();
        for (int n = 0; n < Draws; n++)
        {
            int[] order = draw();
            Assert.Equal([0, 1, 2, 3], order.Order());
            int key = (order[0] * 1000) + (order[1] * 100) + (order[2] * 10) + order[3];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(24, counts.Count);
        double expected = Draws / 24.0;
        double chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < CriticalChiSquare23, $"chi-square {chiSquare:F1} over 24 orders (critical {CriticalChiSquare23})");
    }
}
