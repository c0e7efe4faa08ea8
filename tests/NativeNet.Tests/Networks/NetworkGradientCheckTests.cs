using NativeNet.Gradients;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

public class NetworkGradientCheckTests
{
    private static readonly GradientCheckOptions _tight = new() { Epsilon = 1e-6, AbsoluteTolerance = 1e-7, RelativeTolerance = 1e-5 };

    private static (double[] X, int[] Labels) Batch(int n, int features, int classes, ulong seed)
    {
        var data = TestData.Blobs<double>(n, features, classes, seed);
        return (data.Features, data.Labels);
    }

    [Fact]
    public void Two_layer_net_passes_in_double()
    {
        var net = new Network<double>(NetworkOptions.TwoLayer(20, 12, 5, weightInitStd: 0.5, seed: 3), batchCapacity: 6);
        var (x, t) = Batch(6, 20, 5, 1);
        var report = NetworkGradientCheck.Check(net, new ReadOnlyTensorView<double>(x, new Shape(6, 20)), LabelBatch<double>.FromIndices(t), _tight);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(4, report.Entries.Count);
    }

    [Theory]
    [InlineData(false, 0.0, 0.0)]
    [InlineData(false, 0.1, 0.0)]
    [InlineData(true, 0.0, 0.0)]
    [InlineData(false, 0.0, 0.3)]
    [InlineData(true, 0.1, 0.3)]
    public void Multilayer_net_passes_in_double(bool batchNorm, double weightDecay, double dropout)
    {
        var options = new NetworkOptions
        {
            InputSize = 15,
            HiddenSizes = [11, 9, 7],
            OutputSize = 4,
            Activation = Activation.Sigmoid, // smooth: no kinks for the central differences to straddle
            WeightInit = WeightInit.Xavier,
            UseBatchNorm = batchNorm,
            WeightDecay = weightDecay,
            DropoutRatio = dropout,
            Seed = 5,
        };
        var net = new Network<double>(options, batchCapacity: 8);
        var (x, t) = Batch(8, 15, 4, 2);
        var report = NetworkGradientCheck.Check(net, new ReadOnlyTensorView<double>(x, new Shape(8, 15)), LabelBatch<double>.FromIndices(t), _tight);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Relu_net_with_one_hot_labels_passes_in_double()
    {
        var options = new NetworkOptions { InputSize = 10, HiddenSizes = [8, 8], OutputSize = 3, Seed = 9, WeightDecay = 0.05 };
        var net = new Network<double>(options, batchCapacity: 5);
        var (x, t) = Batch(5, 10, 3, 4);
        double[] oneHot = new double[5 * 3];
        for (int i = 0; i < 5; i++)
        {
            oneHot[(i * 3) + t[i]] = 1;
        }

        var report = NetworkGradientCheck.Check(
            net,
            new ReadOnlyTensorView<double>(x, new Shape(5, 10)),
            LabelBatch<double>.FromOneHot(new ReadOnlyTensorView<double>(oneHot, new Shape(5, 3))),
            _tight);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Numerical_gradient_matches_backprop_like_the_book_gradient_check()
    {
        // The book's gradient_check.py prints the mean absolute difference per parameter: ~1e-10 in double.
        var net = new Network<double>(NetworkOptions.TwoLayer(784, 50, 10, seed: 1), batchCapacity: 3);
        var mnist = NativeNet.Datasets.BundledMnist.Load<double>();
        var x = new ReadOnlyTensorView<double>(mnist.Train.Features.AsSpan(0, 3 * 784), new Shape(3, 784));
        var t = LabelBatch<double>.FromIndices(mnist.Train.Labels.AsSpan(0, 3));
        net.Gradient(x, t);
        double[] backprop = net.Parameters.Gradients.ToArray();
        net.NumericalGradient(x, t);
        double[] numerical = net.Parameters.Gradients.ToArray();
        foreach (var segment in net.Parameters.Layout.Parameters)
        {
            double meanAbs = 0;
            for (int i = segment.Offset; i < segment.Offset + segment.Length; i++)
            {
                meanAbs += Math.Abs(backprop[i] - numerical[i]);
            }

            meanAbs /= segment.Length;
            Assert.True(meanAbs < 1e-8, $"{segment.Name}: mean |backprop - numerical| = {meanAbs:E2}");
        }
    }

    [Fact]
    public void The_reference_log_epsilon_makes_a_tight_check_fail_and_a_loose_one_pass()
    {
        // log(y + 1e-7) is what the book prints; its fused backward (y - t)/N ignores the 1e-7, so a tight
        // check sees a relative error of about 1e-7 / y_t. This is why the network's default is the exact log-softmax.
        var options = NetworkOptions.TwoLayer(20, 12, 5, weightInitStd: 0.5, seed: 3) with { CrossEntropyEpsilon = 1e-7 };
        var (x, t) = Batch(6, 20, 5, 1);
        var view = new ReadOnlyTensorView<double>(x, new Shape(6, 20));
        var tight = NetworkGradientCheck.Check(new Network<double>(options, 6), view, LabelBatch<double>.FromIndices(t), _tight);
        Assert.False(tight.Passed, tight.ToString());
        var loose = NetworkGradientCheck.Check(new Network<double>(options, 6), view, LabelBatch<double>.FromIndices(t), new GradientCheckOptions { Epsilon = 1e-6, AbsoluteTolerance = 1e-6, RelativeTolerance = 1e-2 });
        Assert.True(loose.Passed, loose.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_check_leaves_the_dropout_masks_frozen_only_if_they_were(bool frozen)
    {
        var options = NetworkOptions.TwoLayer(6, 5, 3, weightInitStd: 0.5, seed: 2) with { DropoutRatio = 0.3 };
        var net = new Network<double>(options, batchCapacity: 4);
        var (x, t) = Batch(4, 6, 3, 7);
        net.DropoutMasksFrozen = frozen;
        var report = NetworkGradientCheck.Check(net, new ReadOnlyTensorView<double>(x, new Shape(4, 6)), LabelBatch<double>.FromIndices(t), _tight);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(frozen, net.DropoutMasksFrozen);
    }

    [Fact]
    public void A_null_network_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => NetworkGradientCheck.Check<double>(null!, new ReadOnlyTensorView<double>(new double[3], new Shape(1, 3)), LabelBatch<double>.FromIndices([0])));
    }

    [Fact]
    public void The_check_draws_a_fresh_mask_as_one_training_step_would()
    {
        // The check compares on a mask of its own, not on whatever mask the last step left behind: afterwards the
        // network's generator is one mask further on, exactly as after one more Gradient call.
        var options = NetworkOptions.TwoLayer(6, 5, 3, weightInitStd: 0.5, seed: 2) with { DropoutRatio = 0.3 };
        var (values, t) = Batch(4, 6, 3, 7);
        var x = new ReadOnlyTensorView<double>(values, new Shape(4, 6));
        var labels = LabelBatch<double>.FromIndices(t);
        var checkedNet = new Network<double>(options, batchCapacity: 4);
        var twin = new Network<double>(options, batchCapacity: 4);

        checkedNet.Gradient(x, labels);
        Assert.True(NetworkGradientCheck.Check(checkedNet, x, labels, _tight).Passed);
        twin.Gradient(x, labels);
        twin.Gradient(x, labels);

        checkedNet.Gradient(x, labels);
        twin.Gradient(x, labels);
        Assert.Equal(twin.Parameters.Gradients.ToArray(), checkedNet.Parameters.Gradients.ToArray());
    }
}
