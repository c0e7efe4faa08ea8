using NativeNet.Layers;

namespace NativeNet.Tests.Layers;

public class ActivationLayerTests
{
    private static readonly double[] X = [-30, -2, -0.5, 0, 0.25, 1, 3, 30];

    [Fact]
    public void Sigmoid_forward_and_backward_match_the_formulas()
    {
        var (y, dx) = Run(new SigmoidLayer<double>(X.Length));
        for (int i = 0; i < X.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-X[i]));
            Assert.Equal(s, y[i], 1e-15);
            Assert.Equal(0.5 * s * (1 - s), dx[i], 1e-15);
        }
    }

    [Fact]
    public void Tanh_forward_and_backward_match_the_formulas()
    {
        var (y, dx) = Run(new TanhLayer<double>(X.Length));
        for (int i = 0; i < X.Length; i++)
        {
            double t = Math.Tanh(X[i]);
            Assert.Equal(t, y[i], 1e-15);
            Assert.Equal(0.5 * (1 - (t * t)), dx[i], 1e-15);
        }
    }

    [Fact]
    public void Relu_passes_the_gradient_where_x_is_positive()
    {
        var (y, dx) = Run(new ReluLayer<double>(X.Length));
        for (int i = 0; i < X.Length; i++)
        {
            Assert.Equal(Math.Max(0, X[i]), y[i]);
            Assert.Equal(X[i] > 0 ? 0.5 : 0, dx[i]);
        }
    }

    // Forward on one row of X, backward with dy = 0.5 everywhere.
    private static (double[] Y, double[] Dx) Run(ILayer<double> layer)
    {
        var host = new LayerHost<double>(layer, 1);
        var y = new double[X.Length];
        var dx = new double[X.Length];
        double[] dy = [.. Enumerable.Repeat(0.5, X.Length)];
        host.Layer.Forward(LayerTestKit.View(X, 1, X.Length), LayerTestKit.Writable(y, 1, X.Length), training: true);
        host.Layer.Backward(LayerTestKit.View(X, 1, X.Length), LayerTestKit.View(y, 1, X.Length), LayerTestKit.View(dy, 1, X.Length), LayerTestKit.Writable(dx, 1, X.Length));
        return (y, dx);
    }
}
