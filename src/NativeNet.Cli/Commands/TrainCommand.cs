using System.CommandLine;
using System.Globalization;
using NativeNet.Charts;
using NativeNet.Cli.Experiments;
using NativeNet.Cli.Rendering;
using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Training;
using Spectre.Console;

namespace NativeNet.Cli.Commands;

/// <summary>
/// <c>nativenet train</c>: trains a MultiLayerNet (784-100×4-10 ReLU He, Adam 0.001, batch 100 by default) on the
/// bundled MNIST sample or a folder, prints accuracy per epoch, saves the model and writes loss/accuracy SVGs.
/// </summary>
internal static class TrainCommand
{
    public const int DefaultEpochs = 30;

    public static Command Create(CliConsole console)
    {
        var data = new Option<string?>("--data") { Description = DataOptions.Description };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer widths, comma-separated.", DefaultValueFactory = _ => "100,100,100,100" };
        var activation = new Option<string>("--activation") { Description = "Hidden activation.", DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("relu", "sigmoid", "tanh");
        var optimizer = new Option<string>("--optimizer") { Description = "Update rule.", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong([.. OptimizerFactory.Names]);
        var lr = new Option<double?>("--lr") { Description = "Learning rate (default 0.001 for adam, 0.01 otherwise)." };
        var momentum = new Option<double?>("--momentum") { Description = "Momentum of momentum and nesterov (default 0.9)." };
        var beta1 = new Option<double?>("--beta1") { Description = "Adam's first-moment decay (default 0.9)." };
        var beta2 = new Option<double?>("--beta2") { Description = "Adam's second-moment decay (default 0.999)." };
        var decayRate = new Option<double?>("--decay-rate") { Description = "RMSprop's decay (default 0.99)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => DefaultEpochs };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => 100 };
        var batchNorm = new Option<bool>("--batchnorm") { Description = "Batch normalisation after each hidden affine layer." };
        var dropout = new Option<double>("--dropout") { Description = "Dropout ratio after each hidden activation (0 = none)." };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay λ (0 = none)." };
        var init = new Option<string?>("--init") { Description = "Weight init: he, xavier or a standard deviation such as 0.01 (default: he for relu, xavier otherwise)." };
        var seed = new Option<int>("--seed") { Description = "Seed of weight initialisation, dropout and batch sampling." };
        var sampling = new Option<string>("--sampling") { Description = "Batch sampling: replacement (the reference) or permutation (each sample once per epoch).", DefaultValueFactory = _ => "replacement" };
        sampling.AcceptOnlyFromAmong("replacement", "permutation");
        var evalSamples = new Option<int?>("--eval-samples") { Description = "Samples of each set evaluated after every epoch (default: all)." };
        var output = new Option<string>("--out", "-o") { Description = "Model file to write.", DefaultValueFactory = _ => "model.nnet" };
        var plots = new Option<string>("--plots") { Description = "Folder for loss.svg and accuracy.svg.", DefaultValueFactory = _ => "plots" };
        Positive(epochs);
        Positive(batch);

        var command = new Command("train", "Train a fully connected network on MNIST, save it and plot its loss and accuracy.")
        {
            data, hidden, activation, optimizer, lr, momentum, beta1, beta2, decayRate, epochs, batch, batchNorm,
            dropout, weightDecay, init, seed, sampling, evalSamples, output, plots,
        };
        command.SetAction(parseResult =>
        {
            var act = ParseActivation(parseResult.GetValue(activation)!);
            var network = new NetworkOptions
            {
                InputSize = 784,
                HiddenSizes = ParseHidden(parseResult.GetValue(hidden)!),
                OutputSize = 10,
                Activation = act,
                WeightInit = ParseInit(parseResult.GetValue(init), act),
                UseBatchNorm = parseResult.GetValue(batchNorm),
                DropoutRatio = parseResult.GetValue(dropout),
                WeightDecay = parseResult.GetValue(weightDecay),
                Seed = (ulong)(uint)parseResult.GetValue(seed),
            };
            var trainer = new TrainerOptions
            {
                Epochs = parseResult.GetValue(epochs),
                BatchSize = parseResult.GetValue(batch),
                Seed = parseResult.GetValue(seed),
                Sampling = parseResult.GetValue(sampling) == "permutation" ? SamplingMode.PermutationPerEpoch : SamplingMode.WithReplacement,
                EvaluationSampleCount = parseResult.GetValue(evalSamples),
            };
            var hyper = new OptimizerChoice(
                parseResult.GetValue(optimizer)!,
                parseResult.GetValue(lr),
                parseResult.GetValue(momentum),
                parseResult.GetValue(beta1),
                parseResult.GetValue(beta2),
                parseResult.GetValue(decayRate));
            return Train(console, parseResult.GetValue(data), network, trainer, hyper, parseResult.GetValue(output)!, parseResult.GetValue(plots)!);
        });
        return command;
    }

    private static int Train(CliConsole console, string? dataDirectory, NetworkOptions options, TrainerOptions trainerOptions, OptimizerChoice choice, string modelPath, string plotDirectory)
    {
        var data = DataOptions.Load(dataDirectory);
        var network = new Network<float>(options, trainerOptions.BatchSize);
        var optimizer = OptimizerFactory.Create<float>(choice.Name, network.Parameters.Values.Length, choice.LearningRate, choice.Momentum, choice.Beta1, choice.Beta2, choice.DecayRate);
        var trainer = new Trainer<float>(network, optimizer, data.Train, data.Test, trainerOptions);

        console.WriteLine($"network   {options.Describe()}");
        console.WriteLine($"optimizer {optimizer.Name} lr {Format.General(double.CreateTruncating(optimizer.LearningRate))}, batch {trainerOptions.BatchSize}, {trainerOptions.Epochs} epochs × {trainer.IterationsPerEpoch} iterations");
        console.WriteLine($"data      {DataOptions.Describe(dataDirectory)}: {data.Train.Count} training, {data.Test.Count} test images");

        var history = ProgressRunner.Run(console, "training", report => trainer.Train(new SyncProgress<TrainingProgress>(p =>
        {
            report((double)p.Iteration / p.TotalIterations, $"epoch {Math.Min(p.Epoch + 1, trainerOptions.Epochs)}/{trainerOptions.Epochs} loss {p.Loss:F4}");
            if (p.IsEpochEnd)
                console.Ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch,3}/{trainerOptions.Epochs}  loss {p.Loss:F4}  train acc {p.TrainAccuracy:F4}  test acc {p.TestAccuracy:F4}"));
        })));

        if (history.StopReason == StopReason.Diverged)
            throw new CliFailureException(history.StopMessage ?? "Training diverged.");

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final test accuracy {history.FinalTestAccuracy:F4}"));
        ModelFile.Save(modelPath, network);
        console.WriteLine($"saved model to {modelPath}");
        foreach (var path in WritePlots(history, plotDirectory, options.Describe()))
            console.WriteLine($"wrote {path}");
        return CliApp.Success;
    }

    /// <summary>Writes loss.svg (per iteration, raw and smoothed) and accuracy.svg (train and test per epoch).</summary>
    internal static IReadOnlyList<string> WritePlots(TrainingHistory history, string directory, string description)
    {
        Directory.CreateDirectory(directory);
        var losses = history.Losses.ToArray();
        var iterations = NetworkRuns.Indices(losses.Length);
        var loss = new LineChart
        {
            Title = $"Training loss: {description}",
            XAxis = new Axis("iteration"),
            YAxis = new Axis("loss"),
            Series =
            [
                new LineSeries("mini-batch loss", iterations, losses) { Color = "#B8CCE4", LineWidth = 1 },
                new LineSeries("smoothed", iterations, CurveSmoothing.Smooth(losses)),
            ],
        };
        var epochs = NetworkRuns.Indices(history.TrainAccuracies.Count, start: 1);
        var accuracy = new LineChart
        {
            Title = $"Accuracy: {description}",
            XAxis = new Axis("epoch"),
            YAxis = new Axis("accuracy"),
            Series =
            [
                new LineSeries("train", epochs, history.TrainAccuracies) { Marker = MarkerShape.Circle },
                new LineSeries("test", epochs, history.TestAccuracies) { Marker = MarkerShape.Square, Line = LineStyle.Dashed },
            ],
        };
        var lossPath = Path.Combine(directory, "loss.svg");
        var accuracyPath = Path.Combine(directory, "accuracy.svg");
        loss.Save(lossPath);
        accuracy.Save(accuracyPath);
        return [lossPath, accuracyPath];
    }

    internal static IReadOnlyList<int> ParseHidden(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                throw new CliUsageException($"--hidden '{text}': expected positive layer widths separated by commas, such as 100,100,100,100.");
        }

        return sizes;
    }

    private static Activation ParseActivation(string text) => text switch
    {
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        _ => Activation.Relu,
    };

    private static WeightInit ParseInit(string? text, Activation activation)
    {
        if (text is null)
            return activation == Activation.Relu ? WeightInit.He : WeightInit.Xavier;
        try
        {
            return WeightInit.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException("--init: " + CliApp.Describe(e));
        }
    }

    private static void Positive(Option<int> option) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < 1)
            result.AddError($"{option.Name} must be at least 1.");
    });

    private sealed record OptimizerChoice(string Name, double? LearningRate, double? Momentum, double? Beta1, double? Beta2, double? DecayRate);
}
