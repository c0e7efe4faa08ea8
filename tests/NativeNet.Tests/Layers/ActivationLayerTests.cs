using NativeNet.Layers;

namespace NativeNet.Tests.Layers;

public class ActivationLayerTests
{
    private static readonly double[] _x = [-30, -2, -0.5, 0, 0.25, 1, 3, 30];

    [Fact]
    public void Sigmoid_forward_and_backward_match_the_formulas()
    {
        var (y, dx) = Run(new SigmoidLayer<double>(_x.Length));
        for (int i = 0; i < _x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-_x[i]));
            Assert.Equal(s, y[i], 1e-15);
            Assert.Equal(0.5 * s * (1 - s), dx[i], 1e-15);
        }
    }

    [Fact]
    public void Tanh_forward_and_backward_match_the_formulas()
    {
        var (y, dx) = Run(new TanhLayer<double>(_x.Length));
        for (int i = 0; i < _x.Length; i++)
        {
            double t = Math.Tanh(_x[i]);
            Assert.Equal(t, y[i], 1e-15);
            Assert.Equal(0.5 * (1 - (t * t)), dx[i], 1e-15);
        }
    }

    [Fact]
    public void Relu_passes_the_gradient_where_x_is_positive()
    {
        var (y, dx) = Run(new ReluLayer<double>(_x.Length));
        for (int i = 0; i < _x.Length; i++)
        {
            Assert.Equal(Math.Max(0, _x[i]), y[i]);
            Assert.Equal(_x[i] > 0 ? 0.5 : 0, dx[i]);
        }
    }

    [Fact]
    public void LeakyRelu_scales_negative_inputs_and_their_gradient_by_alpha()
    {
        var (y, dx) = Run(new LeakyReluLayer<double>(_x.Length, 0.1));
        for (int i = 0; i < _x.Length; i++)
        {
            Assert.Equal(_x[i] > 0 ? _x[i] : 0.1 * _x[i], y[i], 1e-15);
            Assert.Equal(_x[i] > 0 ? 0.5 : 0.05, dx[i], 1e-15);
        }
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_a_uniform_dy_has_no_gradient()
    {
        var (y, dx) = Run(new SoftmaxLayer<double>(_x.Length));
        double sum = _x.Sum(v => Math.Exp(v - 30));
        for (int i = 0; i < _x.Length; i++)
        {
            Assert.Equal(Math.Exp(_x[i] - 30) / sum, y[i], 1e-15);
            Assert.Equal(0, dx[i], 1e-15); // Σ y = 1, so a constant dy moves nothing
        }
    }

    [Fact]
    public void LogSoftmax_is_the_log_of_softmax_and_stays_finite_for_large_scores()
    {
        var (y, dx) = Run(new LogSoftmaxLayer<double>(_x.Length));
        double logSum = 30 + Math.Log(_x.Sum(v => Math.Exp(v - 30)));
        for (int i = 0; i < _x.Length; i++)
        {
            Assert.Equal(_x[i] - logSum, y[i], 1e-12);
            Assert.Equal(0.5 - (Math.Exp(y[i]) * 0.5 * _x.Length), dx[i], 1e-12);
        }
    }

    [Fact]
    public void LogSoftmax_shifts_by_the_row_maximum_so_logits_of_plus_minus_1000_stay_finite()
    {
        // Shifted by the minimum (-1000) instead, exp(2000) would overflow to +∞ and every output would be -∞ or NaN.
        double[] x = [1000, 0, -1000, 999];
        var host = new LayerHost<double>(new LogSoftmaxLayer<double>(x.Length), 1);
        var y = new double[x.Length];
        host.Layer.Forward(LayerTestKit.View(x, 1, x.Length), LayerTestKit.Writable(y, 1, x.Length), training: false);

        double logSum = 1000 + Math.Log(1 + Math.Exp(-1));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] - logSum, y[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void LeakyRelu_refuses_a_slope_that_is_not_finite(double alpha) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReluLayer<float>(3, alpha));

    [Fact]
    public void Activations_report_their_names()
    {
        Assert.Equal("Relu", new ReluLayer<float>(2).Name);
        Assert.Equal("LeakyRelu", new LeakyReluLayer<float>(2).Name);
        Assert.Equal("Sigmoid", new SigmoidLayer<float>(2).Name);
        Assert.Equal("Tanh", new TanhLayer<float>(2).Name);
        Assert.Equal("Softmax", new SoftmaxLayer<float>(2).Name);
        Assert.Equal("LogSoftmax", new LogSoftmaxLayer<float>(2).Name);
    }

    // Forward on one row of _x, backward with dy = 0.5 everywhere.
    private static (double[] Y, double[] Dx) Run(ILayer<double> layer)
    {
        var host = new LayerHost<double>(layer, 1);
        var y = new double[_x.Length];
        var dx = new double[_x.Length];
        double[] dy = [.. Enumerable.Repeat(0.5, _x.Length)];
        host.Layer.Forward(LayerTestKit.View(_x, 1, _x.Length), LayerTestKit.Writable(y, 1, _x.Length), training: true);
        host.Layer.Backward(LayerTestKit.View(_x, 1, _x.Length), LayerTestKit.View(y, 1, _x.Length), LayerTestKit.View(dy, 1, _x.Length), LayerTestKit.Writable(dx, 1, _x.Length));
        return (y, dx);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Activations_of_no_features_are_rejected(int length)
    {
        Func<object>[] constructors =
        [
            () => new ReluLayer<float>(length),
            () => new LeakyReluLayer<float>(length, 0.1),
            () => new SigmoidLayer<float>(length),
            () => new TanhLayer<float>(length),
            () => new SoftmaxLayer<float>(length),
            () => new LogSoftmaxLayer<float>(length),
        ];
        Assert.All(constructors, create => Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(create).ParamName));
    }
}
