using System.CommandLine;
using System.Globalization;
using NativeNet.Cli.Arguments;
using NativeNet.Cli.Experiments;
using NativeNet.Cli.Figures;
using NativeNet.Cli.Rendering;
using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Training;
using OxyPlot;
using Spectre.Console;

namespace NativeNet.Cli.Commands;

/// <summary>
/// <c>nativenet train</c>: trains a MultiLayerNet (784-100×4-10 ReLU He, Adam 0.001, batch 100 by default) on the
/// bundled MNIST sample or a folder, prints accuracy per epoch, saves the model and writes loss/accuracy SVGs.
/// </summary>
internal static class TrainCommand
{
    public const int DefaultEpochs = 30;

    /// <summary>The widest hidden layer accepted: 4096 × 4096 weights (and Adam's state for them) still fit in memory.</summary>
    public const int MaxHiddenWidth = 4096;

    /// <summary>The files train writes into the --plots folder.</summary>
    private static readonly string[] _plotFileNames = ["loss.svg", "accuracy.svg"];

    public static Command Create(CliConsole console)
    {
        var data = new Option<string?>("--data") { Description = DataOptions.Description };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer widths, comma-separated.", DefaultValueFactory = _ => "100,100,100,100" };
        var activation = new Option<string>("--activation") { Description = "Hidden activation.", DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("relu", "sigmoid", "tanh");
        var optimizer = new Option<string>("--optimizer") { Description = "Update rule.", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong([.. OptimizerFactory.Names]);
        var lr = NumberOptions.OptionalReal("--lr", "Learning rate (default 0.001 for adam, 0.01 otherwise).", RealRange.Positive);
        var momentum = NumberOptions.OptionalReal("--momentum", "Momentum of momentum and nesterov (default 0.9).", RealRange.Fraction);
        var beta1 = NumberOptions.OptionalReal("--beta1", "Adam's first-moment decay (default 0.9).", RealRange.Fraction);
        var beta2 = NumberOptions.OptionalReal("--beta2", "Adam's second-moment decay (default 0.999).", RealRange.Fraction);
        var decayRate = NumberOptions.OptionalReal("--decay-rate", "RMSprop's decay (default 0.99).", RealRange.Fraction);
        var epochs = NumberOptions.WholeNumber("--epochs", "Passes over the training data.", DefaultEpochs, minimum: 1);
        var batch = NumberOptions.WholeNumber("--batch", "Mini-batch size (at most the number of training images).", 100, minimum: 1);
        var batchNorm = new Option<bool>("--batchnorm") { Description = "Batch normalisation after each hidden affine layer." };
        var dropout = NumberOptions.Real("--dropout", "Dropout ratio after each hidden activation (0 = none).", 0, RealRange.Fraction);
        var weightDecay = NumberOptions.Real("--weight-decay", "L2 weight decay λ (0 = none).", 0, RealRange.NonNegative);
        var init = new Option<string?>("--init") { Description = "Weight init: he, xavier or a standard deviation such as 0.01 (default: he for relu, xavier otherwise)." };
        var seed = NumberOptions.WholeNumber("--seed", "Seed of weight initialisation, dropout and batch sampling.", 0, int.MinValue);
        var sampling = new Option<string>("--sampling") { Description = "Batch sampling: replacement (the reference) or permutation (each sample once per epoch).", DefaultValueFactory = _ => "replacement" };
        sampling.AcceptOnlyFromAmong("replacement", "permutation");
        var evalSamples = NumberOptions.OptionalWholeNumber("--eval-samples", "Samples of each set evaluated after every epoch (default: all).", minimum: 1);
        var output = new Option<string>("--out", "-o") { Description = "Model file to write.", DefaultValueFactory = _ => "model.nnet" };
        var plots = new Option<string>("--plots") { Description = "Folder for loss.svg and accuracy.svg.", DefaultValueFactory = _ => "plots" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file, written every --checkpoint-every epochs and when the run is interrupted (default: the --out path with .ckpt appended)." };
        var checkpointEvery = NumberOptions.OptionalWholeNumber("--checkpoint-every", "Write a checkpoint every N epochs (default: 1 with --checkpoint; without it, only when interrupted).", minimum: 1);
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint with its own options (others may only repeat them)." };

        Option[] runOptions =
        [
            data, hidden, activation, optimizer, lr, momentum, beta1, beta2, decayRate, epochs, batch, batchNorm,
            dropout, weightDecay, init, seed, sampling, evalSamples, output, plots, checkpoint, checkpointEvery,
        ];
        var pathOptions = new HashSet<string>(["--data", "--out", "--plots", "--checkpoint"], StringComparer.Ordinal);
        var command = new Command("train", "Train a fully connected network on MNIST, save it and plot its loss and accuracy; Ctrl-C stops with a checkpoint that --resume continues.");
        foreach (var option in runOptions)
            command.Options.Add(option);
        command.Options.Add(resume);
        command.SetAction(given =>
        {
            LoadedCheckpoint<float>? resumed = null;
            var parseResult = given;
            var resumePath = given.GetValue(resume);
            if (resumePath is not null)
            {
                resumed = CheckpointFile.Load<float>(resumePath);
                parseResult = RunOptions.Restore(command, given, resumed.RunOptions, runOptions, pathOptions, resumePath);
            }

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
            var modelPath = parseResult.GetValue(output)!;
            var checkpointPath = parseResult.GetValue(checkpoint);
            var checkpoints = new CheckpointPlan(
                checkpointPath ?? modelPath + ".ckpt",
                parseResult.GetValue(checkpointEvery) ?? (checkpointPath is null ? 0 : 1),
                RunOptions.Capture(parseResult, runOptions, pathOptions),
                resumed,
                resumePath);
            // The stored options name the checkpoint itself, so a resumed run keeps writing where it was.
            checkpoints.Options["--checkpoint"] = Path.GetFullPath(checkpoints.Path);
            return Train(console, parseResult.GetValue(data), network, trainer, hyper, modelPath, parseResult.GetValue(plots)!, checkpoints);
        });
        return command;
    }

    private static int Train(CliConsole console, string? dataDirectory, NetworkOptions options, TrainerOptions trainerOptions, OptimizerChoice choice, string modelPath, string plotDirectory, CheckpointPlan checkpoints)
    {
        OutputPaths.CheckFile("--out", modelPath);
        OutputPaths.CheckFolder("--plots", plotDirectory);
        OutputPaths.CheckDistinct("--out", modelPath, "--plots", plotDirectory);
        OutputPaths.CheckFile("--checkpoint", checkpoints.Path);
        OutputPaths.CheckDistinct("--checkpoint", checkpoints.Path, "--out", modelPath);
        OutputPaths.CheckDistinct("--checkpoint", checkpoints.Path, "--plots", plotDirectory);
        var data = DataOptions.Load(dataDirectory);
        if (trainerOptions.BatchSize > data.Train.Count)
            throw new CliUsageException($"--batch {trainerOptions.BatchSize} is larger than the {data.Train.Count} training images; use at most {data.Train.Count}.");
        Trainer<float> trainer;
        if (checkpoints.Resumed is { } resumed)
        {
            trainer = resumed.CreateTrainer(data.Train, data.Test);
        }
        else
        {
            var created = new Network<float>(options, trainerOptions.BatchSize);
            var optimizer = OptimizerFactory.Create<float>(choice.Name, created.Parameters.Values.Length, choice.LearningRate, choice.Momentum, choice.Beta1, choice.Beta2, choice.DecayRate);
            trainer = new Trainer<float>(created, optimizer, data.Train, data.Test, trainerOptions);
        }

        if (console.CheckOnly)
            return CliApp.Success;
        var network = trainer.Network;

        console.WriteLine($"network   {options.Describe()}");
        console.WriteLine($"optimizer {trainer.Optimizer.Name} lr {Format.General(double.CreateTruncating(trainer.Optimizer.LearningRate))}, batch {trainerOptions.BatchSize}, {trainerOptions.Epochs} epochs × {trainer.IterationsPerEpoch} iterations");
        console.WriteLine($"data      {DataOptions.Describe(dataDirectory)}: {data.Train.Count} training, {data.Test.Count} test images");
        if (checkpoints.Resumed is not null)
            console.WriteLine($"resuming  {checkpoints.ResumePath}: {Position(trainer)}");
        // Plots are replaced, not refused: they are cheap to redraw and a rerun should not need --force.
        if (_plotFileNames.Any(name => File.Exists(Path.Combine(plotDirectory, name))))
            console.WriteLine($"plots     replacing {string.Join(" and ", _plotFileNames)} in {plotDirectory}");

        TrainingHistory history;
        using (var stop = new StopSignal(console.Out, checkpoints.Path, modelPath))
        {
            history = ProgressRunner.Run(console, "training", report => trainer.Train(
                new SyncProgress<TrainingProgress>(p =>
                {
                    report((double)p.Iteration / p.TotalIterations, $"epoch {Math.Min(p.Epoch + 1, trainerOptions.Epochs)}/{trainerOptions.Epochs} loss {p.Loss:F4}");
                    if (!p.IsEpochEnd)
                        return;
                    console.Ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch,3}/{trainerOptions.Epochs}  loss {p.Loss:F4}  train acc {p.TrainAccuracy:F4}  test acc {p.TestAccuracy:F4}"));
                    if (checkpoints.Every > 0 && p.Epoch % checkpoints.Every == 0)
                    {
                        trainer.SaveCheckpoint(checkpoints.Path, checkpoints.Options);
                        console.WriteLine($"checkpoint {checkpoints.Path} (epoch {p.Epoch})");
                    }
                }),
                stop.Token));

            if (history.StopReason == StopReason.Cancelled)
            {
                // Still inside the signal scope: a second Ctrl-C during this save ends the process, never half a file.
                trainer.SaveCheckpoint(checkpoints.Path, checkpoints.Options);
                console.Error.WriteLine($"interrupted at {Position(trainer)}; checkpoint written to {checkpoints.Path}; resume with: nativenet train --resume {Quote(checkpoints.Path)}");
                return CliApp.Interrupted;
            }
        }

        if (history.StopReason == StopReason.Diverged)
            throw new CliFailureException(history.StopMessage ?? "Training diverged.");

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final test accuracy {history.FinalTestAccuracy:F4}"));
        ModelFile.Save(modelPath, network);
        console.WriteLine($"saved model to {modelPath}");
        foreach (var path in WritePlots(history, plotDirectory, options.Describe()))
            console.WriteLine($"wrote {path}");
        return CliApp.Success;
    }

    private static string Position(Trainer<float> trainer)
    {
        long done = trainer.History.Iterations;
        if (done == trainer.TotalIterations)
            return $"the end of the run ({done} iterations done)";
        return $"epoch {(done / trainer.IterationsPerEpoch) + 1}, iteration {done % trainer.IterationsPerEpoch} of {trainer.IterationsPerEpoch} ({done} of {trainer.TotalIterations} done)";
    }

    private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;

    /// <summary>Writes loss.svg (per iteration, raw and smoothed) and accuracy.svg (train and test per epoch).</summary>
    internal static IReadOnlyList<string> WritePlots(TrainingHistory history, string directory, string description)
    {
        Directory.CreateDirectory(directory);
        var losses = history.Losses.ToArray();
        var iterations = NetworkRuns.Indices(losses.Length);
        var loss = Plots.Lines($"Training loss: {description}", Plots.Linear("iteration"), Plots.Linear("loss")).WithLegend(LegendSpot.TopRight);
        loss.Series.Add(new Curve("mini-batch loss", iterations, losses) { Color = ChartPalette.Faint, StrokeThickness = 1 });
        loss.Series.Add(new Curve("smoothed", iterations, CurveSmoothing.Smooth(losses)) { Color = ChartPalette.Color(1), StrokeThickness = 2 });
        var epochs = NetworkRuns.Indices(history.TrainAccuracies.Count, start: 1);
        var accuracy = Plots.Lines($"Accuracy: {description}", Plots.Linear("epoch"), Plots.Linear("accuracy")).WithLegend(LegendSpot.BottomRight);
        accuracy.Series.Add(new Curve("train", epochs, history.TrainAccuracies) { MarkerType = MarkerType.Circle });
        accuracy.Series.Add(new Curve("test", epochs, history.TestAccuracies) { MarkerType = MarkerType.Square, Dashes = Curve.Dashed });
        var lossPath = Path.Combine(directory, _plotFileNames[0]);
        var accuracyPath = Path.Combine(directory, _plotFileNames[1]);
        Figure.Single(loss).Save(lossPath);
        Figure.Single(accuracy).Save(accuracyPath);
        return [lossPath, accuracyPath];
    }

    internal static IReadOnlyList<int> ParseHidden(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1 || sizes[i] > MaxHiddenWidth)
                throw new CliUsageException($"--hidden takes layer widths from 1 to {MaxHiddenWidth} separated by commas, such as 100,100,100,100; got '{text}'.");
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

    /// <summary>Where checkpoints go, how often, the options they keep, and the run being resumed (if any).</summary>
    private sealed record CheckpointPlan(string Path, int Every, Dictionary<string, string> Options, LoadedCheckpoint<float>? Resumed, string? ResumePath);

    private sealed record OptimizerChoice(string Name, double? LearningRate, double? Momentum, double? Beta1, double? Beta2, double? DecayRate);
}
