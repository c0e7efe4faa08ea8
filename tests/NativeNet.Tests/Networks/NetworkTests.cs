using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

public class NetworkTests
{
    private static readonly NetworkOptions _small = new()
    {
        InputSize = 12,
        HiddenSizes = [9, 7],
        OutputSize = 4,
        WeightInit = WeightInit.He,
        Seed = 11,
    };

    [Fact]
    public void Layers_follow_the_book_order_and_names()
    {
        var net = new Network<float>(_small with { UseBatchNorm = true, DropoutRatio = 0.2 }, batchCapacity: 8);
        string[] names = [.. net.Parameters.Layout.Parameters.Select(p => p.Name)];
        Assert.Equal(["W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"], names);
        Assert.Equal(12 * 9 + 9 + 9 + 9 + 9 * 7 + 7 + 7 + 7 + 7 * 4 + 4, net.Parameters.Layout.ParameterCount);
    }

    [Fact]
    public void Initial_weights_follow_the_init_rule()
    {
        var net = new Network<double>(_small with { InputSize = 400, HiddenSizes = [300] }, batchCapacity: 4);
        var w1 = net.Parameters.Value("W1").Span.ToArray();
        double std = Math.Sqrt(w1.Select(w => w * w).Average());
        Assert.InRange(std, Math.Sqrt(2.0 / 400) * 0.97, Math.Sqrt(2.0 / 400) * 1.03);
        Assert.All(net.Parameters.Value("b1").Span.ToArray(), b => Assert.Equal(0, b));

        var two = new Network<double>(NetworkOptions.TwoLayer(400, 300, 10), batchCapacity: 4);
        double std2 = Math.Sqrt(two.Parameters.Value("W1").Span.ToArray().Select(w => w * w).Average());
        Assert.InRange(std2, 0.0097, 0.0103);
    }

    [Fact]
    public void Same_seed_gives_identical_parameters_and_another_seed_does_not()
    {
        var a = new Network<float>(_small, 8);
        var b = new Network<float>(_small, 8);
        var c = new Network<float>(_small with { Seed = 12 }, 8);
        Assert.True(a.Parameters.Values.SequenceEqual(b.Parameters.Values));
        Assert.False(a.Parameters.Values.SequenceEqual(c.Parameters.Values));
    }

    [Fact]
    public void Weight_decay_adds_half_lambda_sum_of_squares_to_the_loss()
    {
        var plain = new Network<double>(_small, 8);
        var decayed = new Network<double>(_small with { WeightDecay = 0.1 }, 8);
        var data = TestData.Blobs<double>(8, 12, 4, 3);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(8, 12));
        var t = LabelBatch<double>.FromIndices(data.Labels);
        double sumW2 = 0;
        foreach (var name in new[] { "W1", "W2", "W3" })
        {
            sumW2 += plain.Parameters.Value(name).Span.ToArray().Sum(w => w * w);
        }

        Assert.Equal(plain.Loss(x, t) + (0.05 * sumW2), decayed.Loss(x, t), 12);
    }

    [Fact]
    public void Predict_processes_inputs_larger_than_the_capacity_in_chunks()
    {
        var net = new Network<double>(_small, batchCapacity: 4);
        var data = TestData.Blobs<double>(10, 12, 4, 5);
        var all = new double[10 * 4];
        net.Predict(new ReadOnlyTensorView<double>(data.Features, new Shape(10, 12)), new TensorView<double>(all, new Shape(10, 4)));
        var one = new double[4];
        for (int i = 0; i < 10; i++)
        {
            net.Predict(new ReadOnlyTensorView<double>(data.Features.AsSpan(i * 12, 12), new Shape(1, 12)), new TensorView<double>(one, new Shape(1, 4)));
            // A one-row batch takes the GEMV path, whose summation order differs: equal to the last bits only.
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(all[(i * 4) + j], one[j], 1e-12);
            }
        }
    }

    [Fact]
    public void Bad_inputs_get_clear_exceptions()
    {
        var net = new Network<float>(_small, batchCapacity: 4);
        var x5 = new float[5 * 12];
        var ex = Assert.Throws<ShapeMismatchException>(() => net.Gradient(new ReadOnlyTensorView<float>(x5, new Shape(5, 12)), LabelBatch<float>.FromIndices(new int[5])));
        Assert.Contains("capacity", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => net.Loss(new ReadOnlyTensorView<float>(new float[2 * 11], new Shape(2, 11)), LabelBatch<float>.FromIndices(new int[2])));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Loss(new ReadOnlyTensorView<float>(new float[2 * 12], new Shape(2, 12)), LabelBatch<float>.FromIndices([0, 4])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(_small with { DropoutRatio = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(_small with { HiddenSizes = [3, 0] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(_small with { WeightDecay = -1 }));
    }

    [Fact]
    public void Gradient_and_predict_allocate_nothing_after_warm_up()
    {
        var net = new Network<float>(_small with { UseBatchNorm = true, DropoutRatio = 0.3, WeightDecay = 0.01 }, batchCapacity: 16);
        var data = TestData.Blobs<float>(16, 12, 4, 9);
        var scores = new float[16 * 4];
        float sink = Run(net, data, scores);
        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                sink += Run(net, data, scores);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(sink));

        static float Run(Network<float> net, NativeNet.Data.LabeledDataset<float> data, float[] scores)
        {
            var x = new ReadOnlyTensorView<float>(data.Features, new Shape(16, 12));
            float loss = net.Gradient(x, LabelBatch<float>.FromIndices(data.Labels));
            net.Predict(x, new TensorView<float>(scores, new Shape(16, 4)));
            return loss + (float)net.Accuracy(x, LabelBatch<float>.FromIndices(data.Labels));
        }
    }

    [Fact]
    public void A_network_needs_options() =>
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new Network<float>(null!)).ParamName);

    [Fact]
    public void The_runner_names_its_workspace_buffers_after_the_layers()
    {
        // The names reach the user in the workspace's errors ("... does not fit the workspace ... ('backward A')").
        ILayer<float>[] layers = [new AffineLayer<float>(3, 4, 0.1, "W1", "b1"), new ReluLayer<float>(4), new AffineLayer<float>(4, 2, 0.1, "W2", "b2")];
        var plan = new WorkspacePlan();
        _ = new LayerRunner<float>(layers, 3, new ParameterLayout(), plan);
        Assert.Equal(
            ["Affine(W1)+Relu gradient before the ReLU", "activation 0 (Affine(W1)+Relu)", "activation 1 (Affine(W2))", "backward A", "backward B"],
            plan.Buffers.Select(b => b.Name));
    }
}
