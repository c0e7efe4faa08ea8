using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Training;

namespace NativeNet.Benchmarks.Workloads;

/// <summary>
/// One training configuration of the comparison table: network, optimizer and batch size over seeded synthetic
/// MNIST-shaped data (pixel values in [0, 1), 10 classes). <see cref="Step"/> is <see cref="Trainer{T}.Step"/>:
/// gather a batch, forward, backward, update — the same work the PyTorch and numpy scripts time.
/// </summary>
public sealed class TrainingWorkload
{
    private readonly Trainer<float> _trainer;

    private TrainingWorkload(string name, NetworkOptions options, string optimizer, int batchSize, LabeledDataset<float> data, SamplingMode sampling)
    {
        Name = name;
        Network = new Network<float>(options, batchSize);
        Optimizer = OptimizerFactory.Create<float>(optimizer, Network.Parameters.Values.Length);
        var trainerOptions = new TrainerOptions { BatchSize = batchSize, Epochs = 1, Seed = 1, Sampling = sampling };
        _trainer = new Trainer<float>(Network, Optimizer, data, trainerOptions);
    }

    /// <summary>The row label used in every table.</summary>
    public string Name { get; }

    /// <summary>The network being trained.</summary>
    public Network<float> Network { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer<float> Optimizer { get; }

    /// <summary>Batches per epoch of the data the workload was built on.</summary>
    public int IterationsPerEpoch => _trainer.IterationsPerEpoch;

    /// <summary>The four training-step configurations of the comparison, by short key.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["mlp4-sgd", "mlp4-adam", "mlp1-sgd", "mlp5-bn-sgd", "mlp6-dropout-sgd"];

    /// <summary>Builds the workload named by <paramref name="key"/> (one of <see cref="Keys"/>).</summary>
    public static TrainingWorkload Create(string key, LabeledDataset<float>? data = null)
    {
        data ??= SyntheticData.Create(10_000, seed: 7);
        return key switch
        {
            "mlp4-sgd" => new("784-100x4-10 b128 SGD", Hidden(4), "sgd", 128, data, SamplingMode.WithReplacement),
            "mlp4-adam" => new("784-100x4-10 b128 Adam", Hidden(4), "adam", 128, data, SamplingMode.WithReplacement),
            "mlp1-sgd" => new("784-50-10 b100 SGD", new NetworkOptions { HiddenSizes = [50], Seed = 1 }, "sgd", 100, data, SamplingMode.WithReplacement),
            "mlp5-bn-sgd" => new("784-100x5-10 +BN b100 SGD", Hidden(5) with { UseBatchNorm = true }, "sgd", 100, data, SamplingMode.WithReplacement),
            "mlp6-dropout-sgd" => new("784-100x6-10 +dropout0.2 b100 SGD", Hidden(6) with { DropoutRatio = 0.2 }, "sgd", 100, data, SamplingMode.WithReplacement),
            _ => throw new ArgumentException($"Unknown workload '{key}'.", nameof(key)),
        };
    }

    /// <summary>The epoch workload: 784-100x4-10, batch 128, one permutation of <paramref name="data"/> per epoch.</summary>
    public static TrainingWorkload CreateEpoch(LabeledDataset<float> data, string optimizer = "adam") =>
        new($"epoch 784-100x4-10 {optimizer} b128", Hidden(4), optimizer, 128, data, SamplingMode.PermutationPerEpoch);

    /// <summary>One iteration (gather, gradient, update); returns the loss.</summary>
    public double Step() => _trainer.Step();

    /// <summary>One epoch of <see cref="Step"/> calls.</summary>
    public double Epoch()
    {
        double loss = 0;
        for (int i = 0; i < IterationsPerEpoch; i++)
        {
            loss = _trainer.Step();
        }

        return loss;
    }

    /// <summary>The 784-100xN-10 ReLU/He network of the comparison.</summary>
    public static NetworkOptions Hidden(int layers) => new() { HiddenSizes = [.. Enumerable.Repeat(100, layers)], Seed = 1 };
}
