using NativeNet.Datasets;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Tensors;
using NativeNet.Training;

namespace NativeNet.Tests.Cli;

/// <summary>The first program of docs/getting-started.md, verbatim except for the model path.</summary>
public class GettingStartedExampleTests
{
    [Fact]
    public void The_first_program_compiles_trains_and_classifies()
    {
        using var dir = new TempDirectory();
        var modelPath = dir.File("model.nnet");
        var console = new StringWriter();

        // ---- docs/getting-started.md, "A first program" ("model.nnet" → modelPath, Console → console) ----
        var mnist = BundledMnist.Load();   // 10 000 training + 10 000 test images, pixels scaled to [0, 1]

        // 784 → 100 → 100 → 100 → 100 → 10, ReLU, He initialisation (the defaults of NetworkOptions).
        var net = new Network<float>(new NetworkOptions { HiddenSizes = [100, 100, 100, 100], Seed = 0 }, batchCapacity: 100);
        var adam = OptimizerFactory.Create<float>("adam", net.Parameters.Values.Length, lr: 0.001);
        var trainer = new Trainer<float>(net, adam, mnist.Train, mnist.Test, new TrainerOptions { Epochs = 10, BatchSize = 100 });

        TrainingHistory history = trainer.Train();
        console.WriteLine($"test accuracy {history.FinalTestAccuracy:F4}");   // ≈ 0.95

        ModelFile.Save(modelPath, net);
        Network<float> loaded = ModelFile.Load<float>(modelPath).Network;

        // Class scores of the first test image (a 7): one row of 784 pixels in, one row of 10 scores out.
        var scores = new float[10];
        loaded.Predict(new ReadOnlyTensorView<float>(mnist.Test.Sample(0), new Shape(1, 784)), new TensorView<float>(scores, new Shape(1, 10)));
        int label = Array.IndexOf(scores, scores.Max());
        console.WriteLine($"first test image: predicted {label}, labelled {mnist.Test.Labels[0]}");
        // ---- end of the documented code ----

        Assert.True(history.FinalTestAccuracy > 0.93, $"test accuracy {history.FinalTestAccuracy}");
        Assert.Equal(7, mnist.Test.Labels[0]);
        Assert.Equal(7, label);
        Assert.Contains("first test image: predicted 7, labelled 7", console.ToString(), StringComparison.Ordinal);
    }
}
