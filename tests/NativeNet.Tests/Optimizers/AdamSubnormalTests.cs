using NativeNet.Optimizers;

namespace NativeNet.Tests.Optimizers;

/// <summary>
/// Adam's moments of parameters whose gradient stays zero decay geometrically; they must go to exactly 0 instead
/// of lingering as subnormals (which make every later update of them many times slower), on every SIMD path and
/// for lengths with vector tails.
/// </summary>
public class AdamSubnormalTests
{
    [Theory]
    [InlineData(37)]
    [InlineData(1000)]
    public void Decaying_moments_never_become_subnormal(int length)
    {
        var adam = new Adam<float>(length);
        var w = new float[length];
        var g = new float[length];
        for (int i = 0; i < length; i++)
        {
            g[i] = i % 3 == 0 ? 0 : 1e-3f * (i + 1);
        }

        adam.Step(w, g); // nonzero moments
        Array.Clear(g);
        for (int step = 0; step < 1200; step++)
        {
            adam.Step(w, g);
            for (int s = 0; s < 2; s++)
            {
                foreach (float value in adam.GetStateBuffer(s))
                {
                    Assert.False(float.IsSubnormal(value), $"state {s} holds subnormal {value} after {step + 2} steps");
                }
            }
        }

        Assert.All(adam.GetStateBuffer(0).ToArray(), m => Assert.Equal(0f, m));
        Assert.All(w, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Normal_moments_are_untouched()
    {
        var adam = new Adam<double>(5);
        double[] w = [1, 2, 3, 4, 5];
        double[] g = [0.1, -0.2, 0.3, -0.4, 0.5];
        adam.Step(w, g);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0.1 * g[i], adam.GetStateBuffer(0)[i], 15);
            Assert.Equal(0.001 * g[i] * g[i], adam.GetStateBuffer(1)[i], 15);
        }
    }
}
