using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Training;

public class TrainerTests
{
    private static readonly NetworkOptions _options = new() { InputSize = 6, HiddenSizes = [16, 16], OutputSize = 3, Seed = 4 };

    private static (Network<float> Net, Trainer<float> Trainer) Make(string optimizer, double lr, int epochs = 5, SamplingMode sampling = SamplingMode.WithReplacement)
    {
        var all = TestData.Blobs<float>(420, 6, 3, 1);
        var train = all.Take(300);
        var test = all.Subset([.. Enumerable.Range(300, 120)]);
        var net = new Network<float>(_options, batchCapacity: 32);
        var opt = OptimizerFactory.Create<float>(optimizer, net.Parameters.Values.Length, lr);
        return (net, new Trainer<float>(net, opt, train, test, new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 8, Sampling = sampling }));
    }

    [Theory]
    [InlineData("sgd", 0.1)]
    [InlineData("momentum", 0.05)]
    [InlineData("adam", 0.01)]
    public void Training_lowers_the_loss_and_records_history(string optimizer, double lr)
    {
        var (_, trainer) = Make(optimizer, lr, epochs: 8);
        var history = trainer.Train();
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(8 * (300 / 32), history.Iterations);
        Assert.Equal(8, history.TrainAccuracies.Count);
        Assert.Equal(8, history.TestAccuracies.Count);
        Assert.True(history.Losses.Take(5).Average() > 2 * history.Losses.TakeLast(5).Average(), "loss should fall");
        Assert.True(history.FinalTestAccuracy > 0.9, $"test accuracy {history.FinalTestAccuracy}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_weights()
    {
        var (a, ta) = Make("adam", 0.01, sampling: SamplingMode.PermutationPerEpoch);
        var (b, tb) = Make("adam", 0.01, sampling: SamplingMode.PermutationPerEpoch);
        ta.Train();
        tb.Train();
        Assert.True(a.Parameters.Values.SequenceEqual(b.Parameters.Values));
    }

    [Fact]
    public void A_diverging_learning_rate_stops_with_a_reason_and_finite_weights()
    {
        var (net, trainer) = Make("sgd", 1e6, epochs: 3);
        var history = trainer.Train();
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.Contains("iteration", history.StopMessage);
        foreach (float w in net.Parameters.Values)
        {
            Assert.True(float.IsFinite(w));
        }
    }

    [Fact]
    public void Cancellation_stops_cleanly()
    {
        var (_, trainer) = Make("sgd", 0.1, epochs: 50);
        using var cts = new CancellationTokenSource();
        int reports = 0;
        var progress = new SynchronousProgress(p =>
        {
            if (!p.IsEpochEnd && ++reports == 10)
            {
                cts.Cancel();
            }
        });
        var history = trainer.Train(progress, cts.Token);
        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal(10, history.Iterations);
    }

    [Fact]
    public void A_training_step_allocates_nothing_after_warm_up()
    {
        var (_, trainer) = Make("adam", 0.01);
        trainer.Step();
        trainer.Step();
        double sink = 0;
        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                sink += trainer.Step();
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void Mismatched_data_and_bad_settings_are_rejected()
    {
        var net = new Network<float>(_options, batchCapacity: 32);
        var opt = OptimizerFactory.Create<float>("sgd", net.Parameters.Values.Length);
        var good = TestData.Blobs<float>(50, 6, 3, 1);
        var wide = TestData.Blobs<float>(50, 7, 3, 1);
        Assert.Throws<ShapeMismatchException>(() => new Trainer<float>(net, opt, wide, good, new TrainerOptions()));
        Assert.Contains("test data", Assert.Throws<ShapeMismatchException>(() => new Trainer<float>(net, opt, good, wide, new TrainerOptions())).Message);
        Assert.Throws<ShapeMismatchException>(() => new Trainer<float>(net, opt, good, new TrainerOptions { BatchSize = 64 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(net, opt, good, new TrainerOptions { Epochs = 0 }));
        var small = OptimizerFactory.Create<float>("sgd", 10);
        Assert.Throws<ShapeMismatchException>(() => new Trainer<float>(net, small, good, new TrainerOptions { BatchSize = 10 }));
    }

    [Fact]
    public void Without_a_test_set_training_is_the_same_and_records_no_test_accuracy()
    {
        var all = TestData.Blobs<float>(420, 6, 3, 1);
        var train = all.Take(300);
        var test = all.Subset([.. Enumerable.Range(300, 120)]);
        var options = new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = 8 };
        var withNet = new Network<float>(_options, batchCapacity: 32);
        var withoutNet = new Network<float>(_options, batchCapacity: 32);
        var with = new Trainer<float>(withNet, OptimizerFactory.Create<float>("adam", withNet.Parameters.Values.Length, 0.01), train, test, options);
        var without = new Trainer<float>(withoutNet, OptimizerFactory.Create<float>("adam", withoutNet.Parameters.Values.Length, 0.01), train, options);
        var reports = new List<TrainingProgress>();

        TrainingHistory withHistory = with.Train();
        TrainingHistory withoutHistory = without.Train(new SynchronousProgress(reports.Add));

        Assert.Equal(StopReason.Completed, withoutHistory.StopReason);
        Assert.Equal(withHistory.Losses, withoutHistory.Losses);
        Assert.Equal(withHistory.TrainAccuracies, withoutHistory.TrainAccuracies);
        Assert.Equal(withNet.Parameters.Values.ToArray(), withoutNet.Parameters.Values.ToArray());
        Assert.Equal(3, withHistory.TestAccuracies.Count);
        Assert.Empty(withoutHistory.TestAccuracies);
        Assert.True(withHistory.FinalTestAccuracy > 0.5, $"test accuracy {withHistory.FinalTestAccuracy}");
        Assert.True(double.IsNaN(withoutHistory.FinalTestAccuracy));
        Assert.All(reports, report => Assert.True(double.IsNaN(report.TestAccuracy)));
        Assert.Contains(reports, report => report.IsEpochEnd && report.TrainAccuracy > 0.5);
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => action(value);
    }
}
