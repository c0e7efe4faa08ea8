using NativeNet.Optimizers;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Tests.Optimizers;

/// <summary>
/// Momentum, Nesterov (both formulations) and RMSprop state of parameters whose gradient stays zero decays
/// geometrically (<c>v ← m · v</c>, <c>h ← d · h</c>); like Adam's moments it must go to exactly 0 instead of
/// passing through the subnormal range, on every SIMD path (lengths 37 and 1000 have 256-bit and scalar tails).
/// </summary>
public class DecayingStateSubnormalTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "momentum", "nesterov", "rmsprop" })
        {
            data.Add(name, 37);
            data.Add(name, 1000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_state_is_flushed_instead_of_going_subnormal(string name, int length) =>
        AssertStateIsFlushed(Create<float>(name, length), length, steps: 1500, float.IsSubnormal);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_state_is_flushed_instead_of_going_subnormal(string name, int length) =>
        AssertStateIsFlushed(Create<double>(name, length), length, steps: 8000, double.IsSubnormal);

    [Fact]
    public void The_scalar_flush_zeroes_subnormals_and_keeps_the_smallest_normal()
    {
        // The scalar Flush serves only the tails; found by mutation testing: never flushing, or flushing the smallest
        // normal number too, passed the tests above.
        Assert.Equal(0f, SubnormalFlush.Flush(float.Epsilon));
        Assert.Equal(0f, SubnormalFlush.Flush(-float.Epsilon * 3));
        Assert.Equal(0.0, SubnormalFlush.Flush(double.Epsilon));
        Assert.Equal(0.0, SubnormalFlush.Flush(BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF)));
        float minNormalSingle = BitConverter.Int32BitsToSingle(0x0080_0000);
        double minNormalDouble = BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000);
        Assert.Equal(minNormalSingle, SubnormalFlush.Flush(minNormalSingle));
        Assert.Equal(-minNormalSingle, SubnormalFlush.Flush(-minNormalSingle));
        Assert.Equal(minNormalDouble, SubnormalFlush.Flush(minNormalDouble));
        Assert.Equal(1.5f, SubnormalFlush.Flush(1.5f));
    }

    [Fact]
    public void Normal_state_is_untouched()
    {
        var momentum = new MomentumSgd<double>(3, 0.01, 0.9);
        double[] w = [1, 2, 3];
        double[] g = [0.5, -0.25, 0.125];
        momentum.Step(w, g);
        momentum.Step(w, g);
        for (int i = 0; i < 3; i++)
        {
            double v = 0.9 * (-0.01 * g[i]) - 0.01 * g[i];
            Assert.Equal(v, momentum.GetStateBuffer(0)[i], 15);
        }
    }

    public static TheoryData<string, int> NaNCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "momentum", "nesterov", "rmsprop", "adam" })
        {
            foreach (int index in new[] { 0, 17, 36 })
            {
                data.Add(name, index);
            }
        }

        return data;
    }

    /// <summary>
    /// The flush is for tiny values only: a NaN gradient must reach the state and the weight in a vector lane
    /// (index 0, 17) as in the scalar tail (index 36 of 37), so a divergence is seen rather than silently skipped.
    /// </summary>
    [Theory]
    [MemberData(nameof(NaNCases))]
    public void A_nan_gradient_reaches_state_and_weight_in_every_lane(string name, int index)
    {
        const int length = 37;
        Optimizer<float> optimizer = Create<float>(name, length);
        var w = new float[length];
        var g = new float[length];
        g.AsSpan().Fill(0.5f);
        g[index] = float.NaN;
        optimizer.Step(w, g);
        Assert.True(float.IsNaN(optimizer.GetStateBuffer(0)[index]), $"{name} state[{index}] = {optimizer.GetStateBuffer(0)[index]}");
        Assert.True(float.IsNaN(w[index]), $"{name} w[{index}] = {w[index]}");
        Assert.True(float.IsFinite(w[(index + 1) % length]));
    }

    private static Optimizer<T> Create<T>(string name, int length)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T lr = T.CreateTruncating(0.01);
        T decay = T.CreateTruncating(0.9);
        return name switch
        {
            "momentum" => new MomentumSgd<T>(length, lr, decay),
            "nesterov" => new Nesterov<T>(length, lr, decay),
            "rmsprop" => new RmsProp<T>(length, lr, decay),
            "adam" => new Adam<T>(length, lr, T.CreateTruncating(0.9), T.CreateTruncating(0.999)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown optimizer"),
        };
    }

    private static void AssertStateIsFlushed<T>(Optimizer<T> optimizer, int length, int steps, Func<T, bool> isSubnormal)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var w = new T[length];
        var g = new T[length];
        for (int i = 0; i < length; i++)
        {
            g[i] = i % 3 == 0 ? T.Zero : T.CreateTruncating(1e-3 * (i + 1));
        }

        optimizer.Step(w, g); // nonzero state
        Assert.Contains(optimizer.GetStateBuffer(0).ToArray(), s => s != T.Zero);
        Array.Clear(g);
        for (int step = 0; step < steps; step++)
        {
            optimizer.Step(w, g);
            foreach (T value in optimizer.GetStateBuffer(0))
            {
                Assert.False(isSubnormal(value), $"{optimizer.Name} state holds subnormal {value} after {step + 2} steps");
            }
        }

        Assert.All(optimizer.GetStateBuffer(0).ToArray(), s => Assert.Equal(T.Zero, s));
        Assert.All(w, value => Assert.True(T.IsFinite(value)));
    }
}
