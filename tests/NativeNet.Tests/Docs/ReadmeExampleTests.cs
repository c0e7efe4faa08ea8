using NativeNet.Datasets;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Training;

namespace NativeNet.Tests.Docs;

/// <summary>The README's first example, verbatim but for the print, so the README cannot drift from the API.</summary>
[Trait("Category", "Slow")]
public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_trains_to_95_percent()
    {
        var mnist = BundledMnist.Load();   // 10 000 training + 10 000 test images, normalised to [0, 1]
        var net = new MultiLayerNet<float>(new NetworkOptions { HiddenSizes = [100, 100, 100, 100], Seed = 0 });
        var adam = OptimizerFactory.Create<float>("adam", net.Parameters.Values.Length, lr: 0.001);
        var trainer = new Trainer<float>(net, adam, mnist.Train, mnist.Test, new TrainerOptions { Epochs = 20, BatchSize = 100 });
        TrainingHistory history = trainer.Train();
        Assert.True(history.FinalTestAccuracy >= 0.95, $"test accuracy {history.FinalTestAccuracy:F4}");
    }
}
