using NativeNet.Gradients;

namespace NativeNet.Tests.Gradients;

public class NumericalDifferentiationTests
{
    // The reference's function_1: 0.01x² + 0.1x (numpy's x**2 is x*x).
    private static double Function1(double x) => (0.01 * (x * x)) + (0.1 * x);

    // The reference's function_2: x0² + x1².
    private static double Function2(ReadOnlySpan<double> x) => (x[0] * x[0]) + (x[1] * x[1]);

    [Theory]
    [InlineData(5.0, 0.1999999999990898)]
    [InlineData(10.0, 0.2999999999986347)]
    public void Derivative_matches_the_reference_values(double x, double expected)
    {
        Assert.Equal(expected, NumericalDifferentiation.Derivative(Function1, x), 1e-12);
        Assert.Equal(expected, NumericalDifferentiation.Derivative<double>(Function1, x, 1e-4), 1e-12);
    }

    [Fact]
    public void Derivative_in_float_is_close_with_a_larger_step()
    {
        float d = NumericalDifferentiation.Derivative<float>(x => (0.01f * x * x) + (0.1f * x), 5f, 1e-2f);
        Assert.Equal(0.2f, d, 1e-3f);
    }

    [Theory]
    [InlineData(3.0, 4.0, 6.0, 8.0)]
    [InlineData(0.0, 2.0, 0.0, 4.0)]
    [InlineData(3.0, 0.0, 6.0, 0.0)]
    public void Gradient_matches_the_reference_values(double x0, double x1, double g0, double g1)
    {
        double[] x = [x0, x1];
        var gradient = new double[2];
        NumericalDifferentiation.Gradient(Function2, x, gradient);
        Assert.Equal(g0, gradient[0], 1e-9);
        Assert.Equal(g1, gradient[1], 1e-9);
        Assert.Equal([x0, x1], x);

        double[] allocated = NumericalDifferentiation.Gradient(Function2, [x0, x1]);
        Assert.Equal(gradient, allocated);
    }

    [Fact]
    public void Gradient_of_a_tensor_of_any_shape_matches_the_analytic_gradient_and_restores_every_element_exactly()
    {
        // A 2 x 3 x 2 tensor, flattened; f = Σ w_i · x_i³ with distinct weights, so each element has its own gradient.
        var rng = new Random(42);
        var x = new double[12];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (rng.NextDouble() * 2) - 1 + 0.1; // values for which x + h - h would not round-trip
        }

        double[] original = (double[])x.Clone();
        var gradient = new double[x.Length];
        NumericalDifferentiation.Gradient(
            v =>
            {
                double sum = 0;
                for (int i = 0; i < v.Length; i++)
                {
                    sum += (i + 1) * v[i] * v[i] * v[i];
                }

                return sum;
            },
            x,
            gradient);

        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(3 * (i + 1) * original[i] * original[i], gradient[i], 1e-6);
            Assert.Equal(BitConverter.DoubleToInt64Bits(original[i]), BitConverter.DoubleToInt64Bits(x[i]));
        }
    }

    [Fact]
    public void Gradient_of_a_function_of_nothing_perturbs_the_captured_buffer()
    {
        double[] parameters = [3.0, 4.0];
        var gradient = new double[2];
        NumericalDifferentiation.Gradient(() => (parameters[0] * parameters[0]) + (parameters[1] * parameters[1]), parameters, gradient, 1e-4);
        Assert.Equal(6.0, gradient[0], 1e-9);
        Assert.Equal(8.0, gradient[1], 1e-9);
        Assert.Equal([3.0, 4.0], parameters);
    }

    [Fact]
    public void Gradient_in_float_is_close_with_a_larger_step()
    {
        float[] x = [3f, 4f];
        var gradient = new float[2];
        NumericalDifferentiation.Gradient<float>(v => (v[0] * v[0]) + (v[1] * v[1]), x, gradient, 1e-2f);
        Assert.Equal(6f, gradient[0], 1e-3f);
        Assert.Equal(8f, gradient[1], 1e-3f);
        Assert.Equal([3f, 4f], x);
    }

    [Fact]
    public void Gradient_restores_the_element_when_the_function_throws()
    {
        double[] x = [1.0, 2.0];
        var gradient = new double[2];
        int calls = 0;
        Assert.Throws<InvalidOperationException>(() => NumericalDifferentiation.Gradient(
            v => ++calls == 3 ? throw new InvalidOperationException("boom") : v[0] + v[1],
            x,
            gradient));
        Assert.Equal([1.0, 2.0], x);

        Assert.Throws<InvalidOperationException>(() => NumericalDifferentiation.Gradient<double>(
            () => throw new InvalidOperationException("boom"), x, gradient, 1e-4));
        Assert.Equal([1.0, 2.0], x);
    }

    [Fact]
    public void Gradient_rejects_mismatched_lengths_overlap_and_bad_steps()
    {
        var x = new double[3];
        Assert.Throws<ShapeMismatchException>(() => NumericalDifferentiation.Gradient(v => 0.0, x, new double[2]));
        Assert.Throws<ShapeMismatchException>(() => NumericalDifferentiation.Gradient<double>(() => 0.0, x, new double[4], 1e-4));

        var shared = new double[4];
        ArgumentException overlap = Assert.Throws<ArgumentException>(
            () => NumericalDifferentiation.Gradient(v => 0.0, shared.AsSpan(0, 2), shared.AsSpan(1, 2)));
        Assert.Equal("gradient", overlap.ParamName);

        foreach (double h in new[] { 0.0, -1e-4, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDifferentiation.Gradient(v => 0.0, x, new double[3], h));
            Assert.Equal("h", e.ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDifferentiation.Derivative(v => v, 1.0, h));
        }
    }
}
