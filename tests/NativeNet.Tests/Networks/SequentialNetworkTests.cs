using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

public class SequentialNetworkTests
{
    [Fact]
    public void A_hand_built_list_predicts_like_the_network_with_the_same_weights()
    {
        var options = new NetworkOptions { InputSize = 6, HiddenSizes = [5, 4], OutputSize = 3, UseBatchNorm = true, Seed = 7 };
        var network = new Network<float>(options, batchCapacity: 8);
        var sequential = new SequentialNetwork<float>(6, () =>
        [
            new AffineLayer<float>(6, 5, 0.1, "W1", "b1"),
            new BatchNormalizationLayer<float>(5, "gamma1", "beta1", "runningMean1", "runningVar1"),
            new ReluLayer<float>(5),
            new AffineLayer<float>(5, 4, 0.1, "W2", "b2"),
            new BatchNormalizationLayer<float>(4, "gamma2", "beta2", "runningMean2", "runningVar2"),
            new ReluLayer<float>(4),
            new AffineLayer<float>(4, 3, 0.1, "W3", "b3"),
        ]);
        network.Parameters.State.Fill(0.5f);
        sequential.Parameters.CopyValuesFrom(network.Parameters);

        var data = TestData.Blobs<float>(20, 6, 3, seed: 3);
        var expected = new float[20 * 3];
        var actual = new float[20 * 3];
        network.Predict(new ReadOnlyTensorView<float>(data.Features, new Shape(20, 6)), new TensorView<float>(expected, new Shape(20, 3)));
        sequential.CreateSession(batchCapacity: 8).Predict(new ReadOnlyTensorView<float>(data.Features, new Shape(20, 6)), new TensorView<float>(actual, new Shape(20, 3)));
        Assert.Equal(expected, actual);
        Assert.Equal(3, sequential.OutputSize);
        Assert.Equal(7, sequential.CreateSession().Layers.Count);
    }

    [Fact]
    public void Widths_that_do_not_chain_are_rejected_with_the_layer_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new SequentialNetwork<float>(6, () =>
        [
            new AffineLayer<float>(6, 5, 0.1),
            new TanhLayer<float>(4),
        ]));
        Assert.Contains("Layer 1 (Tanh) takes 4 features, but receives 5", error.Message);
    }

    [Fact]
    public void A_session_of_a_hand_built_list_has_no_options()
    {
        var net = new SequentialNetwork<float>(2, () => [new SoftmaxLayer<float>(2)]);
        Assert.Throws<InvalidOperationException>(() => net.CreateSession().Options);
    }

    [Fact]
    public void An_empty_or_null_list_or_a_null_layer_is_rejected()
    {
        Assert.Contains("at least one layer", Assert.Throws<ArgumentException>(() => new SequentialNetwork<float>(2, () => [])).Message);
        Assert.Contains("returned null", Assert.Throws<ArgumentException>(() => new SequentialNetwork<float>(2, () => null!)).Message);
        Assert.Contains("Layer 1 is null", Assert.Throws<ArgumentException>(() => new SequentialNetwork<float>(2, () => [new ReluLayer<float>(2), null!])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialNetwork<float>(0, () => [new ReluLayer<float>(2)]));
        Assert.Throws<ArgumentNullException>(() => new SequentialNetwork<float>(2, null!));
    }

    [Fact]
    public void The_seed_draws_the_initial_weights()
    {
        static SequentialNetwork<double> Build(ulong seed) => new(4, () => [new AffineLayer<double>(4, 3, 0.5, "W1", "b1"), new TanhLayer<double>(3)], seed);
        var a = Build(1);
        Assert.Equal(4, a.InputSize);
        Assert.Contains(a.Parameters.Value("W1").Span.ToArray(), w => w != 0);
        Assert.True(a.Parameters.Values.SequenceEqual(Build(1).Parameters.Values));
        Assert.False(a.Parameters.Values.SequenceEqual(Build(2).Parameters.Values));
    }

    [Fact]
    public void A_factory_that_returns_other_layers_for_a_session_is_caught()
    {
        int calls = 0;
        var net = new SequentialNetwork<float>(4, () => ++calls == 1
            ? [new AffineLayer<float>(4, 8, 0.1, "W1", "b1")]
            : [new AffineLayer<float>(4, 4, 0.1, "W1", "b1")]);
        var error = Assert.Throws<ShapeMismatchException>(() => net.CreateSession());
        Assert.Contains("hand-built", error.Message);
    }

    [Fact]
    public void A_factory_whose_session_layers_differ_only_in_state_is_caught()
    {
        // 64 parameter values both times (each buffer is padded to 16 values); batch-norm state only the first time.
        int calls = 0;
        var net = new SequentialNetwork<float>(4, () => ++calls == 1
            ? [new AffineLayer<float>(4, 3, 0.1, "W1", "b1"), new BatchNormalizationLayer<float>(3)]
            : [new AffineLayer<float>(4, 3, 0.1, "W1", "b1"), new AffineLayer<float>(3, 1, 0.1, "W2", "b2")]);
        Assert.Throws<ShapeMismatchException>(() => net.CreateSession());
    }
}
