using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Training;

namespace NativeNet.Cli.Experiments;

/// <summary>The training loops the network experiments share: a fixed number of iterations, or whole epochs with evaluation.</summary>
internal static class NetworkRuns
{
    /// <summary>The book's MultiLayerNet: 784 → <paramref name="width"/> × <paramref name="depth"/> → 10.</summary>
    public static NetworkOptions MultiLayer(int depth, int width = 100) => new()
    {
        InputSize = 784,
        HiddenSizes = Enumerable.Repeat(width, depth).ToArray(),
        OutputSize = 10,
        Activation = Activation.Relu,
        WeightInit = WeightInit.He,
    };

    /// <summary>
    /// Runs <paramref name="iterations"/> mini-batch steps (batches drawn with replacement, as the reference does) and
    /// returns the loss of each; after a NaN or infinite loss the remaining entries are NaN and no update is applied.
    /// </summary>
    public static double[] Iterate(
        NetworkOptions options,
        string optimizer,
        double learningRate,
        LabeledDataset<float> train,
        int batchSize,
        int iterations,
        int seed,
        Action<int>? onIteration = null)
    {
        var network = new Network<float>(options, batchSize);
        var update = OptimizerFactory.Create<float>(optimizer, network.Parameters.Values.Length, lr: learningRate);
        var trainer = new Trainer<float>(network, update, train, new TrainerOptions { BatchSize = batchSize, Epochs = 1, Seed = seed });
        var losses = new double[iterations];
        Array.Fill(losses, double.NaN);
        for (var i = 0; i < iterations; i++)
        {
            losses[i] = trainer.Step();
            onIteration?.Invoke(i + 1);
            if (!double.IsFinite(losses[i]))
                break;
        }

        return losses;
    }

    /// <summary>Trains for whole epochs with the <see cref="Trainer{T}"/>, evaluating train and test accuracy after each.</summary>
    public static TrainingHistory Epochs(
        NetworkOptions options,
        string optimizer,
        double learningRate,
        LabeledDataset<float> train,
        LabeledDataset<float> test,
        int batchSize,
        int epochs,
        int seed,
        Action<TrainingProgress>? onProgress = null)
    {
        var network = new Network<float>(options, batchSize);
        var update = OptimizerFactory.Create<float>(optimizer, network.Parameters.Values.Length, lr: learningRate);
        var trainer = new Trainer<float>(network, update, train, test, new TrainerOptions { BatchSize = batchSize, Epochs = epochs, Seed = seed });
        return trainer.Train(onProgress is null ? null : new Rendering.SyncProgress<TrainingProgress>(onProgress));
    }

    /// <summary>The mean of the last <paramref name="count"/> finite values (NaN if there are none).</summary>
    public static double TailMean(IReadOnlyList<double> values, int count)
    {
        var sum = 0.0;
        var n = 0;
        for (var i = Math.Max(0, values.Count - count); i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                sum += values[i];
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>0, 1, …, n − 1 as doubles, for x axes.</summary>
    public static double[] Indices(int n, int start = 0)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++)
            x[i] = i + start;
        return x;
    }
}
