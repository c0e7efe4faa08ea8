using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Training that blows up ends with a reason naming the iteration and the loss, never silently with NaN
/// weights, and a model saved before stays intact. Two ways to blow up: the loss overflows (the update is
/// never applied), or the loss is finite but the update overflows the weights (caught by the next loss, or
/// by the final check after the last iteration).
/// </summary>
public sealed class DivergenceTests : IDisposable
{
    private static readonly NetworkOptions _options = new() { InputSize = 8, HiddenSizes = [12], OutputSize = 3, Seed = 4 };

    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-divergence-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_loss_that_overflows_stops_before_its_update_with_iteration_and_value()
    {
        var net = new Network<float>(_options, 20);
        var history = Trainer(net, Data(scale: 1), lr: 1e6, epochs: 5).Train();
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.True(history.ParametersFinite);
        Assert.True(net.Parameters.AreAllFinite());
        Assert.Matches(@"The loss became (NaN|∞|-∞|Infinity) at iteration \d+", history.StopMessage);
        Assert.Contains($"iteration {history.Iterations + 1} ", history.StopMessage);
    }

    [Fact]
    public void An_update_that_overflows_the_weights_is_blamed_on_its_iteration()
    {
        // Inputs of magnitude 1000 give weight gradients above 1, and 1e38 times that overflows float.
        var net = new Network<float>(_options, 20);
        var history = Trainer(net, Data(scale: 1000), lr: 1e38, epochs: 5).Train();
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.False(history.ParametersFinite);
        Assert.False(net.Parameters.AreAllFinite());
        Assert.Equal(1, history.Iterations);
        Assert.True(double.IsFinite(history.Losses[0]));
        Assert.Contains("update of iteration 1 (loss ", history.StopMessage);
        Assert.Contains("overflowed the parameters (W", history.StopMessage);
        Assert.Contains("loss at iteration 2", history.StopMessage);
    }

    [Fact]
    public void An_overflow_in_the_very_last_update_is_caught_by_the_final_check()
    {
        // One epoch of one batch: no later loss can reveal the overflow.
        var net = new Network<float>(_options, 20);
        var trainer = Trainer(net, Data(scale: 1000, count: 20), lr: 1e38, epochs: 1);
        Assert.Equal(1, trainer.TotalIterations);
        var history = trainer.Train();
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.False(history.ParametersFinite);
        Assert.Contains("update of iteration 1 (loss ", history.StopMessage);
    }

    [Fact]
    public void The_last_good_model_file_stays_intact_when_training_diverges()
    {
        var net = new Network<float>(_options, 20);
        var good = Trainer(net, Data(scale: 1), lr: 0.1, epochs: 2).Train();
        Assert.Equal(StopReason.Completed, good.StopReason);
        string path = Path.Combine(_directory, "good.nnet");
        ModelFile.Save(path, net);
        byte[] saved = File.ReadAllBytes(path);
        float[] goodValues = net.Parameters.Values.ToArray();

        var bad = Trainer(net, Data(scale: 1000), lr: 1e38, epochs: 1).Train();
        Assert.False(bad.ParametersFinite);

        // Saving the diverged network is refused, so the good file is neither replaced nor joined by a temporary file.
        var error = Assert.Throws<InvalidOperationException>(() => ModelFile.Save(path, net));
        Assert.Contains("not finite", error.Message);
        Assert.Equal(saved, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_directory));
        var reloaded = ModelFile.Load<float>(path, 20).Network;
        Assert.True(ReliabilityFixtures.BitEqual<float>(goodValues, reloaded.Parameters.Values));
    }

    private static Trainer<float> Trainer(Network<float> net, LabeledDataset<float> data, double lr, int epochs) =>
        new(net, OptimizerFactory.Create<float>("sgd", net.Parameters.Values.Length, lr), data, data, new TrainerOptions { Epochs = epochs, BatchSize = 20 });

    private static LabeledDataset<float> Data(float scale, int count = 100)
    {
        var blobs = Networks.TestData.Blobs<float>(count, _options.InputSize, _options.OutputSize, 6);
        float[] x = [.. blobs.Features.Select(v => v * scale)];
        return new LabeledDataset<float>(x, blobs.Labels, _options.InputSize, _options.OutputSize);
    }
}
