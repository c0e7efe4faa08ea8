using NativeNet.Randomness;

namespace NativeNet.Tests.Randomness;

public class SeededRandomTests
{
    [Fact]
    public void Same_seed_gives_the_same_sequence_and_another_seed_does_not()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        var c = new SeededRandom(43);
        bool anyDifferent = false;
        for (int i = 0; i < 100; i++)
        {
            ulong x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            anyDifferent |= x != c.NextUInt64();
        }

        Assert.True(anyDifferent);
    }

    [Fact]
    public void Uniforms_are_in_range_with_the_right_mean()
    {
        var rng = new SeededRandom(1);
        double sum = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            float f = rng.NextSingle();
            Assert.InRange(f, 0f, 0.99999994f);
            sum += u;
        }

        Assert.InRange(sum / n, 0.497, 0.503);
    }

    [Fact]
    public void NextInt_is_unbiased_enough_and_in_range()
    {
        var rng = new SeededRandom(7);
        int[] counts = new int[10];
        for (int i = 0; i < 100_000; i++)
        {
            counts[rng.NextInt(10)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void Gaussian_has_mean_zero_and_unit_variance()
    {
        var rng = new SeededRandom(3);
        double[] samples = new double[200_000];
        rng.FillGaussian<double>(samples, 1.0);
        double mean = samples.Average();
        double variance = samples.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void Shuffle_is_a_permutation()
    {
        var rng = new SeededRandom(5);
        int[] values = Enumerable.Range(0, 1000).ToArray();
        rng.Shuffle<int>(values);
        Assert.NotEqual(Enumerable.Range(0, 1000), values);
        Assert.Equal(Enumerable.Range(0, 1000), values.Order());
    }
}
