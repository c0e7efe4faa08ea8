using System.Runtime.InteropServices;
using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Training;

/// <summary>
/// A small run (300 samples, 6 features, 3 classes, batch 32) that can be trained in one go, or stopped after any
/// iteration, written to checkpoint bytes, rebuilt from them in a fresh trainer and finished; and the bit-level
/// comparison of two finished runs.
/// </summary>
internal sealed record CheckpointScenario(string Optimizer, bool BatchNorm, double Dropout, SamplingMode Sampling, int Epochs = 4, bool WithTest = true)
{
    public override string ToString() => $"{Optimizer} bn={BatchNorm} dropout={Dropout} {Sampling} epochs={Epochs} test={WithTest}";

    /// <summary>Fresh copies of the data each time (same bytes): a resumed run must not depend on sharing objects.</summary>
    public (LabeledDataset<float> Train, LabeledDataset<float>? Test) Data()
    {
        var all = TestData.Blobs<float>(420, 6, 3, 1);
        return (all.Take(300), WithTest ? all.Subset([.. Enumerable.Range(300, 120)]) : null);
    }

    public Trainer<float> NewTrainer()
    {
        var options = new NetworkOptions
        {
            InputSize = 6,
            HiddenSizes = [12, 10],
            OutputSize = 3,
            UseBatchNorm = BatchNorm,
            DropoutRatio = Dropout,
            WeightDecay = 0.001,
            Seed = 4,
        };
        var net = new Network<float>(options, batchCapacity: 32);
        double lr = Optimizer == "adam" ? 0.01 : 0.05;
        var optimizer = OptimizerFactory.Create<float>(Optimizer, net.Parameters.Values.Length, lr);
        var (train, test) = Data();
        return new Trainer<float>(net, optimizer, train, test, new TrainerOptions { Epochs = Epochs, BatchSize = 32, Seed = 8, Sampling = Sampling });
    }

    /// <summary>Trains to the end, stopping (and restoring from checkpoint bytes) after each iteration in <paramref name="stops"/>.</summary>
    public Trainer<float> TrainWithStops(params long[] stops)
    {
        var trainer = NewTrainer();
        foreach (long stop in stops.Order())
        {
            using var cts = new CancellationTokenSource();
            if (stop == trainer.History.Iterations)
            {
                cts.Cancel();
            }

            var history = trainer.Train(new InlineProgress(p =>
            {
                if (p.Iteration == stop && !p.IsEpochEnd)
                {
                    cts.Cancel();
                }
            }), cts.Token);
            if (history.StopReason == StopReason.Completed)
            {
                return trainer; // the stop lies beyond the end
            }

            Assert.Equal(StopReason.Cancelled, history.StopReason);
            Assert.Equal(stop, history.Iterations);
            byte[] bytes = CheckpointFile.Serialize(trainer, new Dictionary<string, string> { ["stop"] = stop.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var loaded = CheckpointFile.Deserialize<float>(bytes);
            var (train, test) = Data();
            trainer = loaded.CreateTrainer(train, test);
            Assert.Equal(stop, trainer.History.Iterations);
        }

        trainer.Train();
        return trainer;
    }

    /// <summary>Parameters, batch-norm state, optimizer state and step count, and history, bit for bit.</summary>
    public static void AssertBitIdentical(Trainer<float> expected, Trainer<float> actual)
    {
        Assert.True(Bits(expected.Network.Parameters.Values).SequenceEqual(Bits(actual.Network.Parameters.Values)), "parameters differ");
        Assert.True(Bits(expected.Network.Parameters.State).SequenceEqual(Bits(actual.Network.Parameters.State)), "batch-norm state differs");
        Assert.Equal(expected.Optimizer.Name, actual.Optimizer.Name);
        Assert.Equal(expected.Optimizer.StepCount, actual.Optimizer.StepCount);
        Assert.Equal(expected.Optimizer.StateBufferCount, actual.Optimizer.StateBufferCount);
        for (int i = 0; i < expected.Optimizer.StateBufferCount; i++)
        {
            Assert.True(Bits(expected.Optimizer.GetStateBuffer(i)).SequenceEqual(Bits(actual.Optimizer.GetStateBuffer(i))), $"optimizer state {i} differs");
        }

        Assert.Equal(expected.Network.DropoutRandom.Capture(), actual.Network.DropoutRandom.Capture());
        TrainingHistory a = expected.History, b = actual.History;
        Assert.Equal(DoubleBits(a.Losses), DoubleBits(b.Losses));
        Assert.Equal(DoubleBits(a.TrainAccuracies), DoubleBits(b.TrainAccuracies));
        Assert.Equal(DoubleBits(a.TestAccuracies), DoubleBits(b.TestAccuracies));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.FinalTestAccuracy), BitConverter.DoubleToInt64Bits(b.FinalTestAccuracy));
        Assert.Equal(a.StopReason, b.StopReason);
    }

    private static byte[] Bits(Span<float> values) => MemoryMarshal.AsBytes(values).ToArray();

    private static long[] DoubleBits(List<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    private sealed class InlineProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => action(value);
    }
}
