using NativeNet.Layers;
using NativeNet.Randomness;

namespace NativeNet.Tests.Layers;

public class DropoutLayerTests
{
    [Fact]
    public void Inverted_dropout_keeps_the_mean_activation()
    {
        const int rows = 200;
        const int width = 500;
        var host = new LayerHost<double>(new DropoutLayer<double>(width, 0.3, new SeededRandom(1), DropoutMode.Inverted), rows);
        double[] ones = Filled(rows * width, 1.0);
        var y = new double[rows * width];
        host.Layer.Forward(LayerTestKit.View(ones, rows, width), LayerTestKit.Writable(y, rows, width), training: true);

        // 100 000 Bernoulli(0.7) draws scaled by 1/0.7: the mean is 1 with a standard error of ~0.002.
        Assert.Equal(1.0, y.Average(), 0.01);
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - (1 / 0.7)) < 1e-12));

        host.Layer.Forward(LayerTestKit.View(ones, rows, width), LayerTestKit.Writable(y, rows, width), training: false);
        Assert.All(y, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Reference_dropout_does_not_rescale_in_training_and_scales_by_one_minus_ratio_at_inference()
    {
        var host = new LayerHost<double>(new DropoutLayer<double>(50, 0.25, new SeededRandom(2), DropoutMode.Reference), 40);
        double[] x = LayerTestKit.Gaussian<double>(2000, 3);
        var y = new double[2000];
        host.Layer.Forward(LayerTestKit.View(x, 40, 50), LayerTestKit.Writable(y, 40, 50), training: true);
        int kept = 0;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(y[i] == 0 || y[i] == x[i]);
            kept += y[i] == x[i] ? 1 : 0;
        }

        Assert.InRange(kept / 2000.0, 0.72, 0.78); // keep probability 0.75, standard error ~0.01

        host.Layer.Forward(LayerTestKit.View(x, 40, 50), LayerTestKit.Writable(y, 40, 50), training: false);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] * 0.75, y[i], 1e-15);
        }

        var dx = new double[2000];
        host.Layer.Backward(LayerTestKit.View(x, 40, 50), LayerTestKit.View(y, 40, 50), LayerTestKit.View(x, 40, 50), LayerTestKit.Writable(dx, 40, 50));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i] * 0.75, dx[i], 1e-15);
        }
    }

    [Theory]
    [InlineData(DropoutMode.Reference)]
    [InlineData(DropoutMode.Inverted)]
    public void Backward_multiplies_by_the_forward_mask(DropoutMode mode)
    {
        var host = new LayerHost<double>(new DropoutLayer<double>(30, 0.5, new SeededRandom(4), mode), 10);
        double[] ones = Filled(300, 1.0);
        var mask = new double[300];
        host.Layer.Forward(LayerTestKit.View(ones, 10, 30), LayerTestKit.Writable(mask, 10, 30), training: true);
        double[] dy = LayerTestKit.Gaussian<double>(300, 5);
        var dx = new double[300];
        host.Layer.Backward(LayerTestKit.View(ones, 10, 30), LayerTestKit.View(mask, 10, 30), LayerTestKit.View(dy, 10, 30), LayerTestKit.Writable(dx, 10, 30));
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(dy[i] * mask[i], dx[i]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_mask_and_another_seed_another()
    {
        double[] a = Mask(seed: 7);
        Assert.Equal(a, Mask(seed: 7));
        Assert.NotEqual(a, Mask(seed: 8));
    }

    [Fact]
    public void Each_training_forward_draws_a_new_mask_unless_reuse_is_set()
    {
        var layer = new DropoutLayer<double>(64, 0.5, new SeededRandom(9));
        var host = new LayerHost<double>(layer, 4);
        double[] ones = Filled(256, 1.0);
        var first = new double[256];
        var second = new double[256];
        host.Layer.Forward(LayerTestKit.View(ones, 4, 64), LayerTestKit.Writable(first, 4, 64), training: true);
        host.Layer.Forward(LayerTestKit.View(ones, 4, 64), LayerTestKit.Writable(second, 4, 64), training: true);
        Assert.NotEqual(first, second);

        layer.ReuseMask = true;
        host.Layer.Forward(LayerTestKit.View(ones, 4, 64), LayerTestKit.Writable(first, 4, 64), training: true);
        Assert.Equal(second, first);

        // A different batch size has no mask to reuse: one is drawn, then reused.
        var small = new double[128];
        var again = new double[128];
        host.Layer.Forward(LayerTestKit.View(ones[..128], 2, 64), LayerTestKit.Writable(small, 2, 64), training: true);
        host.Layer.Forward(LayerTestKit.View(ones[..128], 2, 64), LayerTestKit.Writable(again, 2, 64), training: true);
        Assert.Equal(small, again);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_ratio_outside_zero_to_one_is_rejected(double ratio) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutLayer<float>(4, ratio, new SeededRandom(0)));

    [Fact]
    public void An_unknown_mode_and_a_missing_generator_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutLayer<float>(4, 0.5, new SeededRandom(0), (DropoutMode)7));
        Assert.Throws<ArgumentNullException>(() => new DropoutLayer<float>(4, 0.5, null!));
    }

    [Fact]
    public void A_zero_ratio_keeps_everything()
    {
        var host = new LayerHost<float>(new DropoutLayer<float>(16, 0, new SeededRandom(1), DropoutMode.Inverted), 4);
        float[] x = LayerTestKit.Gaussian<float>(64, 2);
        var y = new float[64];
        host.Layer.Forward(LayerTestKit.View(x, 4, 16), LayerTestKit.Writable(y, 4, 16), training: true);
        Assert.Equal(x, y);
    }

    private static double[] Mask(ulong seed)
    {
        var host = new LayerHost<double>(new DropoutLayer<double>(100, 0.5, new SeededRandom(seed)), 3);
        var y = new double[300];
        host.Layer.Forward(LayerTestKit.View(Filled(300, 1.0), 3, 100), LayerTestKit.Writable(y, 3, 100), training: true);
        return y;
    }

    [Fact]
    public void A_length_of_zero_or_less_is_rejected()
    {
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutLayer<float>(0, 0.5, new SeededRandom(0))).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new DropoutLayer<float>(-3, 0.5, new SeededRandom(0))).ParamName);
    }

    [Fact]
    public void The_name_and_the_mask_buffer_carry_the_ratio()
    {
        var layer = new DropoutLayer<float>(4, 0.25, new SeededRandom(0));
        Assert.Equal("Dropout(0.25)", layer.Name);
        LayerTestKit.AssertSingleBuffer(layer, "Dropout(0.25).mask", 4);
    }

    [Theory]
    [InlineData(DropoutMode.Reference)]
    [InlineData(DropoutMode.Inverted)]
    public void A_large_float_mask_keeps_one_minus_ratio_of_the_units(DropoutMode mode)
    {
        const int rows = 100;
        const int width = 1000;
        const double ratio = 0.3;
        var host = new LayerHost<float>(new DropoutLayer<float>(width, ratio, new SeededRandom(21), mode), rows);
        var ones = new float[rows * width];
        Array.Fill(ones, 1f);
        var y = new float[rows * width];
        host.Layer.Forward(LayerTestKit.View(ones, rows, width), LayerTestKit.Writable(y, rows, width), training: true);

        float kept = mode == DropoutMode.Inverted ? (float)(1 / (1 - ratio)) : 1f;
        Assert.All(y, v => Assert.True(v == 0f || v == kept));

        // 100 000 Bernoulli(0.7) draws: the standard deviation of the kept fraction is ~0.0015.
        double fraction = y.Count(v => v != 0f) / (double)y.Length;
        Assert.InRange(fraction, 0.7 - 0.0075, 0.7 + 0.0075);
    }

    [Fact]
    public void Float_and_double_layers_with_the_same_seed_drop_the_same_units()
    {
        // The float path compares the same 53-bit draws as the double path's NextDouble() > ratio.
        const int rows = 3;
        const int width = 300; // 900 units: several 256-draw chunks and a partial one
        var single = new LayerHost<float>(new DropoutLayer<float>(width, 0.4, new SeededRandom(11)), rows);
        var ones = new float[rows * width];
        Array.Fill(ones, 1f);
        var y = new float[rows * width];
        single.Layer.Forward(LayerTestKit.View(ones, rows, width), LayerTestKit.Writable(y, rows, width), training: true);

        var twin = new LayerHost<double>(new DropoutLayer<double>(width, 0.4, new SeededRandom(11)), rows);
        var yDouble = new double[rows * width];
        twin.Layer.Forward(LayerTestKit.View(Filled(rows * width, 1.0), rows, width), LayerTestKit.Writable(yDouble, rows, width), training: true);

        Assert.Equal(yDouble.Select(v => v != 0), y.Select(v => v != 0f));
    }

    private static double[] Filled(int length, double value)
    {
        var values = new double[length];
        Array.Fill(values, value);
        return values;
    }
}
