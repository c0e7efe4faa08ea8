using NativeNet.Gradients;

namespace NativeNet.Tests.Gradients;

public class GradientDescentTests
{
    private static double Function2(ReadOnlySpan<double> x) => (x[0] * x[0]) + (x[1] * x[1]);

    // Endpoints after 100 steps from (-3, 4): the printed reference values, and the full-precision values of
    // the same algorithm in plain Python (which the rounding of the divergent run must reproduce).
    [Theory]
    [InlineData(0.1, -6.11110793e-10, 8.14814391e-10, -6.111107928998789e-10, 8.148143905314271e-10)]
    [InlineData(10.0, -2.58983747e+13, -1.29524862e+12, -25898374737328.363, -1295248616896.5398)]
    [InlineData(1e-10, -2.99999994, 3.99999992, -2.999999939999995, 3.9999999199999934)]
    public void Endpoints_match_the_reference(double lr, double x0, double x1, double exact0, double exact1)
    {
        GradientDescentResult<double> result = GradientDescent.Run(Function2, [-3.0, 4.0], lr, 100);

        AssertRelative(x0, result.Final[0], 1e-6);
        AssertRelative(x1, result.Final[1], 1e-6);
        AssertRelative(exact0, result.Final[0], 1e-12);
        AssertRelative(exact1, result.Final[1], 1e-12);
    }

    [Fact]
    public void Path_starts_at_the_initial_point_and_ends_at_the_final_one()
    {
        double[] init = [-3.0, 4.0];
        GradientDescentResult<double> result = GradientDescent.Run(Function2, init, 0.1, 20);

        Assert.Equal(20, result.Steps);
        Assert.Equal(21, result.Path.Length);
        Assert.Equal(init, result.Path[0]);
        Assert.Equal(result.Final, result.Path[^1]);
        Assert.Equal([-3.0, 4.0], init);

        // Each step is x - lr * numerical gradient of the previous point.
        for (int k = 1; k < result.Path.Length; k++)
        {
            double[] g = NumericalDifferentiation.Gradient(Function2, result.Path[k - 1]);
            Assert.Equal(result.Path[k - 1][0] - (0.1 * g[0]), result.Path[k][0]);
            Assert.Equal(result.Path[k - 1][1] - (0.1 * g[1]), result.Path[k][1]);
        }
    }

    [Fact]
    public void Zero_steps_return_the_start()
    {
        GradientDescentResult<double> result = GradientDescent.Run(Function2, [1.0, 2.0], 0.1, 0);
        Assert.Equal([1.0, 2.0], result.Final);
        Assert.Single(result.Path);
    }

    [Fact]
    public void Float_descent_converges_towards_the_minimum()
    {
        GradientDescentResult<float> result = GradientDescent.Run<float>(v => (v[0] * v[0]) + (v[1] * v[1]), [-3f, 4f], 0.1f, 100, 1e-2f);
        Assert.InRange(MathF.Abs(result.Final[0]), 0f, 1e-3f);
        Assert.InRange(MathF.Abs(result.Final[1]), 0f, 1e-3f);
    }

    [Fact]
    public void Invalid_arguments_throw()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Function2, [1.0, 2.0], 0.0)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Function2, [1.0, 2.0], double.NaN)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => GradientDescent.Run(Function2, [1.0, 2.0], 0.1, -1)).ParamName);
    }

    private static void AssertRelative(double expected, double actual, double relativeTolerance) =>
        Assert.True(
            Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected),
            $"Expected {expected:R}, got {actual:R} (relative tolerance {relativeTolerance}).");
}
