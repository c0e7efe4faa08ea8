using NativeNet.Data;
using NativeNet.Datasets;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Training;

namespace NativeNet.Tests.Training;

/// <summary>
/// The book's recipes on the bundled real MNIST sample (10 000 training images, the full test set),
/// with fixed seeds, against the accuracies the reference numpy code reaches on the same data.
/// </summary>
[Trait("Category", "Slow")]
public class MnistAccuracyTests
{
    private static readonly Lazy<MnistDataset<float>> _mnist = new(() => BundledMnist.Load());

    private static TrainingHistory Train(NetworkOptions options, string optimizer, double lr, int epochs, int iterationsOverride = 0)
    {
        var data = _mnist.Value;
        var net = new Network<float>(options, batchCapacity: 100);
        var opt = OptimizerFactory.Create<float>(optimizer, net.Parameters.Values.Length, lr);
        var trainer = new Trainer<float>(net, opt, data.Train, data.Test, new TrainerOptions
        {
            Epochs = iterationsOverride > 0 ? iterationsOverride / (data.Train.Count / 100) : epochs,
            BatchSize = 100,
            EvaluationSampleCount = 1000,
            Seed = 0,
        });
        return trainer.Train();
    }

    [Fact]
    public void Chapter5_two_layer_relu_net_with_sgd_reaches_94_percent()
    {
        // 784-50-10 ReLU, weights 0.01·N(0,1), SGD lr 0.1, batch 100, 10 000 iterations (reference: 0.945).
        var options = NetworkOptions.TwoLayer(784, 50, 10) with { Activation = Activation.Relu };
        var history = Train(options, "sgd", 0.1, epochs: 0, iterationsOverride: 10_000);
        Assert.Equal(10_000, history.Iterations);
        Assert.True(history.FinalTestAccuracy >= 0.94, $"test accuracy {history.FinalTestAccuracy:F4}");
    }

    [Fact]
    public void Multilayer_net_with_adam_reaches_95_percent()
    {
        // 784-100x4-10 ReLU, He init, Adam lr 0.001, batch 100, 20 epochs (reference: 0.954).
        var options = new NetworkOptions { HiddenSizes = [100, 100, 100, 100], Seed = 0 };
        var history = Train(options, "adam", 0.001, epochs: 20);
        Assert.True(history.FinalTestAccuracy >= 0.95, $"test accuracy {history.FinalTestAccuracy:F4}");
    }

    [Fact]
    public void Multilayer_net_with_batch_norm_reaches_95_percent()
    {
        // 784-100x5-10 ReLU + batch norm, He init, Adam lr 0.001, batch 100, 20 epochs (reference: 0.952).
        var options = new NetworkOptions { HiddenSizes = [100, 100, 100, 100, 100], UseBatchNorm = true, Seed = 0 };
        var history = Train(options, "adam", 0.001, epochs: 20);
        Assert.True(history.FinalTestAccuracy >= 0.95, $"test accuracy {history.FinalTestAccuracy:F4}");
    }
}
