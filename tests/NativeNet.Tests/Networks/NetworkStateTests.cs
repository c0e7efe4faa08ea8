using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

/// <summary>The numerical gradient, frozen dropout masks and re-initialisation of a network.</summary>
public class NetworkStateTests
{
    private static readonly NetworkOptions _small = new()
    {
        InputSize = 5,
        HiddenSizes = [4, 3],
        OutputSize = 3,
        Activation = Activation.Sigmoid, // smooth: central differences straddle no kink
        WeightInit = WeightInit.Xavier,
        Seed = 21,
    };

    [Theory]
    [InlineData(false, 0.0, 0.0)]
    [InlineData(true, 0.2, 0.1)]
    public void Numerical_gradient_matches_backprop_with_index_and_one_hot_labels(bool batchNorm, double dropout, double weightDecay)
    {
        var options = _small with { UseBatchNorm = batchNorm, DropoutRatio = dropout, WeightDecay = weightDecay };
        var data = TestData.Blobs<double>(6, 5, 3, seed: 4);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(6, 5));
        double[] oneHot = new double[6 * 3];
        for (int i = 0; i < 6; i++)
        {
            oneHot[(i * 3) + data.Labels[i]] = 1;
        }

        var labelForms = new Func<LabelBatch<double>>[]
        {
            () => LabelBatch<double>.FromIndices(data.Labels),
            () => LabelBatch<double>.FromOneHot(new ReadOnlyTensorView<double>(oneHot, new Shape(6, 3))),
        };
        foreach (var labels in labelForms)
        {
            var net = new Network<double>(options, batchCapacity: 6);
            net.Parameters.Gradients.Fill(double.NaN); // the padding between segments too
            net.NumericalGradient(x, labels(), h: 1e-5);
            double[] numerical = net.Parameters.Gradients.ToArray();
            Assert.False(net.DropoutMasksFrozen);

            // The numerical pass drew the masks once (when there are dropout layers); backprop must reuse them.
            net.DropoutMasksFrozen = true;
            net.Gradient(x, labels());
            double[] backprop = net.Parameters.Gradients.ToArray();
            Assert.Contains(backprop, g => g != 0);
            for (int i = 0; i < backprop.Length; i++)
            {
                Assert.True(Math.Abs(backprop[i] - numerical[i]) <= 1e-8, $"parameter {i}: backprop {backprop[i]}, numerical {numerical[i]}");
            }
        }
    }

    [Fact]
    public void Numerical_gradient_keeps_masks_that_were_frozen_before()
    {
        var net = new Network<double>(_small with { DropoutRatio = 0.5 }, batchCapacity: 6);
        var data = TestData.Blobs<double>(6, 5, 3, seed: 4);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(6, 5));
        var labels = LabelBatch<double>.FromIndices(data.Labels);
        net.Gradient(x, labels);
        net.DropoutMasksFrozen = true;
        double[] backprop = net.Parameters.Gradients.ToArray();

        net.NumericalGradient(x, labels, h: 1e-5);
        Assert.True(net.DropoutMasksFrozen);
        double[] numerical = net.Parameters.Gradients.ToArray();
        for (int i = 0; i < backprop.Length; i++)
        {
            Assert.True(Math.Abs(backprop[i] - numerical[i]) <= 1e-8, $"parameter {i}: backprop {backprop[i]}, numerical {numerical[i]}");
        }
    }

    [Fact]
    public void Dropout_masks_are_frozen_only_in_a_network_with_dropout_layers()
    {
        var plain = new Network<float>(_small, 4);
        plain.DropoutMasksFrozen = true;
        Assert.False(plain.DropoutMasksFrozen);

        var dropout = new Network<float>(_small with { DropoutRatio = 0.5 }, 4);
        Assert.False(dropout.DropoutMasksFrozen);
        dropout.DropoutMasksFrozen = true;
        Assert.True(dropout.DropoutMasksFrozen);
        Assert.All(dropout.Layers.OfType<DropoutLayer<float>>(), d => Assert.True(d.ReuseMask));
        Assert.Equal(2, dropout.Layers.OfType<DropoutLayer<float>>().Count());
        dropout.DropoutMasksFrozen = false;
        Assert.All(dropout.Layers.OfType<DropoutLayer<float>>(), d => Assert.False(d.ReuseMask));
    }

    [Fact]
    public void Initialize_draws_the_parameters_of_its_seed_and_clears_the_batch_norm_state()
    {
        var options = _small with { UseBatchNorm = true };
        var a = new Network<double>(options, 6);
        var b = new Network<double>(options with { Seed = 99 }, 6);
        var data = TestData.Blobs<double>(6, 5, 3, seed: 4);
        a.Gradient(new ReadOnlyTensorView<double>(data.Features, new Shape(6, 5)), LabelBatch<double>.FromIndices(data.Labels));
        Assert.Contains(a.Parameters.State.ToArray(), s => s != 0);
        a.Parameters.State.Fill(1); // the padding between state segments too

        a.Initialize(seed: 5);
        b.Initialize(seed: 5);
        Assert.True(a.Parameters.Values.SequenceEqual(b.Parameters.Values));
        Assert.All(a.Parameters.State.ToArray(), s => Assert.Equal(0, s));
        Assert.Contains(a.Parameters.Value("W1").Span.ToArray(), w => w != 0);

        b.Initialize(seed: 6);
        Assert.False(a.Parameters.Values.SequenceEqual(b.Parameters.Values));
    }

    [Fact]
    public void A_network_without_weight_decay_has_no_decay_loss()
    {
        var net = new Network<double>(_small, 4);
        Assert.Equal(0.0, net.WeightDecayLoss());
        var decayed = new Network<double>(_small with { WeightDecay = 0.2 }, 4);
        double sumW2 = 0;
        foreach (var name in new[] { "W1", "W2", "W3" })
        {
            sumW2 += decayed.Parameters.Value(name).Span.ToArray().Sum(w => w * w);
        }

        Assert.Equal(0.1 * sumW2, decayed.WeightDecayLoss(), 12);
    }

    [Fact]
    public void A_training_predict_updates_the_running_statistics_once_per_chunk()
    {
        // 8 rows in a capacity of 4: two chunks, two batch-norm updates, as two calls of 4 rows each make.
        var options = _small with { UseBatchNorm = true };
        var whole = new Network<double>(options, batchCapacity: 4);
        var chunked = new Network<double>(options, batchCapacity: 4);
        var data = TestData.Blobs<double>(8, 5, 3, seed: 4);
        double[] scores = new double[8 * 3];
        whole.Predict(new ReadOnlyTensorView<double>(data.Features, new Shape(8, 5)), new TensorView<double>(scores, new Shape(8, 3)), training: true);
        for (int start = 0; start < 8; start += 4)
        {
            chunked.Predict(
                new ReadOnlyTensorView<double>(data.Features.AsSpan(start * 5, 4 * 5), new Shape(4, 5)),
                new TensorView<double>(scores.AsSpan(0, 4 * 3), new Shape(4, 3)),
                training: true);
        }

        Assert.Contains(whole.Parameters.State.ToArray(), s => s != 0);
        Assert.True(whole.Parameters.State.SequenceEqual(chunked.Parameters.State));
    }

    [Fact]
    public void Numerical_gradient_draws_one_new_set_of_masks_like_a_training_step()
    {
        // Unfrozen, the numerical gradient draws fresh masks first, as the next Gradient would, and holds them.
        var options = _small with { DropoutRatio = 0.5 };
        var data = TestData.Blobs<double>(6, 5, 3, seed: 4);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(6, 5));
        var labels = LabelBatch<double>.FromIndices(data.Labels);
        var numericalNet = new Network<double>(options, batchCapacity: 6);
        var backpropNet = new Network<double>(options, batchCapacity: 6);
        numericalNet.Gradient(x, labels);
        backpropNet.Gradient(x, labels);

        numericalNet.NumericalGradient(x, labels, h: 1e-5);
        backpropNet.Gradient(x, labels);
        double[] numerical = numericalNet.Parameters.Gradients.ToArray();
        double[] backprop = backpropNet.Parameters.Gradients.ToArray();
        for (int i = 0; i < backprop.Length; i++)
        {
            Assert.True(Math.Abs(backprop[i] - numerical[i]) <= 1e-8, $"parameter {i}: backprop {backprop[i]}, numerical {numerical[i]}");
        }
    }
}
