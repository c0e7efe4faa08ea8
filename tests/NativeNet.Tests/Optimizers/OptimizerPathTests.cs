using NativeNet.Optimizers;

namespace NativeNet.Tests.Optimizers;

/// <summary>
/// Optimizer paths on f(x, y) = x²/20 + y² from (-7, 2), 30 updates, double; the end points are those of the
/// book's ch. 6 optimizer comparison run with its <c>common/optimizer.py</c>.
/// </summary>
public class OptimizerPathTests
{
    private const int Updates = 30;

    [Theory]
    [InlineData("sgd", 0.95, -0.3503929958, 0.08478231655)]
    [InlineData("momentum", 0.1, 0.8964138585, 0.08808560172)]
    [InlineData("adagrad", 1.5, -0.1201623223, 2.486389894e-17)]
    [InlineData("adam", 0.3, 0.1360068524, 0.3182453755)]
    public void Endpoints_match_the_reference(string name, double lr, double x, double y)
    {
        double[] end = RunPath(OptimizerFactory.Create<double>(name, 2, lr));

        Assert.Equal(x, end[0], 1e-9);
        if (Math.Abs(y) < 1e-9)
        {
            // AdaGrad's y is a near-cancellation: compare relatively.
            Assert.True(Math.Abs(end[1] - y) <= 1e-6 * Math.Abs(y), $"Expected {y:R}, got {end[1]:R}.");
        }
        else
        {
            Assert.Equal(y, end[1], 1e-9);
        }
    }

    [Theory]
    [InlineData("nesterov", 0.1)]
    [InlineData("rmsprop", 0.1)]
    [InlineData("momentum", 0.1)]
    public void Paths_match_the_plain_formulas(string name, double lr)
    {
        Optimizer<double> optimizer = OptimizerFactory.Create<double>(name, 2, lr);
        var reference = new ReferenceUpdates(name, 2, lr);
        double[] p = [-7.0, 2.0];
        double[] q = [-7.0, 2.0];
        var g = new double[2];
        for (int step = 0; step < Updates; step++)
        {
            Gradient(p, g);
            optimizer.Step(p, g);
            Gradient(q, g);
            reference.Update(q, g);
        }

        Assert.Equal(q[0], p[0], 1e-12);
        Assert.Equal(q[1], p[1], 1e-12);
    }

    [Fact]
    public void Nesterov_is_Sutskever_momentum_at_the_look_ahead_point()
    {
        // Sutskever: v ← m v - lr ∇f(θ + m v); θ ← θ + v. Our update (Bengio et al. 2012) tracks Φ = θ + m v.
        const double lr = 0.1;
        const double m = 0.9;
        var nesterov = new Nesterov<double>(2, lr, m);
        double[] phi = [-7.0, 2.0];
        double[] theta = [-7.0, 2.0];
        double[] v = [0.0, 0.0];
        var g = new double[2];
        for (int step = 0; step < Updates; step++)
        {
            Gradient(phi, g);
            nesterov.Step(phi, g);

            double[] lookAhead = [theta[0] + (m * v[0]), theta[1] + (m * v[1])];
            Gradient(lookAhead, g);
            for (int i = 0; i < 2; i++)
            {
                v[i] = (m * v[i]) - (lr * g[i]);
                theta[i] += v[i];
            }

            Assert.Equal(theta[0] + (m * v[0]), phi[0], 1e-12);
            Assert.Equal(theta[1] + (m * v[1]), phi[1], 1e-12);
        }
    }

    private static double[] RunPath(Optimizer<double> optimizer)
    {
        double[] p = [-7.0, 2.0];
        var g = new double[2];
        for (int step = 0; step < Updates; step++)
        {
            Gradient(p, g);
            optimizer.Step(p, g);
        }

        return p;
    }

    // ∇(x²/20 + y²) = (x/10, 2y).
    private static void Gradient(double[] p, double[] g)
    {
        g[0] = p[0] / 10.0;
        g[1] = 2.0 * p[1];
    }
}
