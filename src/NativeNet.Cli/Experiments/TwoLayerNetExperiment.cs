using NativeNet.Cli.Figures;
using NativeNet.Networks;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// The ch. 4 mini-batch training (train_neuralnet.py): TwoLayerNet 784-50-10, sigmoid, weights 0.01·N(0,1), SGD lr 0.1,
/// batch 100, 10 000 iterations (100 epochs of the 10 000 bundled images); train and test accuracy after every epoch.
/// </summary>
internal static class TwoLayerNetExperiment
{
    public const string Name = "two-layer-net";
    public const int BatchSize = 100;
    public const double LearningRate = 0.1;

    public static int Epochs(bool quick) => quick ? 20 : 100;

    public static TwoLayerNetResult Run(ExperimentSettings settings)
    {
        var data = settings.Data();
        var epochs = Epochs(settings.Quick);
        var options = NetworkOptions.TwoLayer(784, 50, 10, seed: (ulong)settings.Seed);
        var history = NetworkRuns.Epochs(options, "sgd", LearningRate, data.Train, data.Test, BatchSize, epochs, settings.Seed,
            p => { if (p.IsEpochEnd) settings.Report("training", p.Epoch, epochs); });

        var trainAcc = history.TrainAccuracies.ToArray();
        var testAcc = history.TestAccuracies.ToArray();
        var losses = history.Losses.ToArray();
        var csvEpochs = new CsvTable(Name + ".csv", "epoch", "iterations", "train_accuracy", "test_accuracy");
        var table = new ResultTable($"TwoLayerNet 784-50-10 sigmoid, SGD lr {LearningRate}, batch {BatchSize}", "epoch", "iterations", "train", "test");
        var perEpoch = losses.Length / Math.Max(1, trainAcc.Length);
        for (var e = 0; e < trainAcc.Length; e++)
        {
            csvEpochs.Add(e + 1, (e + 1) * perEpoch, trainAcc[e], testAcc[e]);
            if (e == 0 || (e + 1) % (epochs / 10) == 0)
                table.Add((e + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ((e + 1) * perEpoch).ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Fixed(trainAcc[e]), Format.Fixed(testAcc[e]));
        }

        var csvLoss = new CsvTable(Name + "-loss.csv", "iteration", "loss");
        for (var i = 0; i < losses.Length; i++)
            csvLoss.Add(i, losses[i]);

        var x = NetworkRuns.Indices(trainAcc.Length, start: 1);
        var accuracy = Plots.Lines("Accuracy after each epoch", Plots.Linear("epoch"), Plots.Linear("accuracy", 0, 1)).WithLegend(LegendSpot.BottomRight);
        accuracy.Series.Add(new Curve("train", x, trainAcc) { MarkerType = MarkerType.Circle, MarkerEvery = Math.Max(1, epochs / 20) });
        accuracy.Series.Add(new Curve("test", x, testAcc) { Dashes = Curve.Dashed });
        var iterations = NetworkRuns.Indices(losses.Length);
        var loss = Plots.Lines("Mini-batch loss (light) and smoothed", Plots.Linear("iteration"), Plots.Linear("loss")).WithLegend(LegendSpot.TopRight);
        loss.Series.Add(new Curve(string.Empty, iterations, losses) { Color = ChartPalette.Faint, StrokeThickness = 1 });
        loss.Series.Add(new Curve("loss (smoothed)", iterations, CurveSmoothing.Smooth(losses)) { Color = ChartPalette.Color(1), StrokeThickness = 2 });
        var figure = new Figure
        {
            Title = $"TwoLayerNet 784-50-10 on the bundled MNIST sample: {losses.Length} iterations, final test accuracy {Format.Fixed(history.FinalTestAccuracy)}",
            Columns = 2,
            PanelWidth = 420,
            PanelHeight = 320,
            Panels = [accuracy, loss],
        };

        var gap = trainAcc[^1] - testAcc[^1];
        return new TwoLayerNetResult
        {
            Name = Name,
            Finding = $"After {losses.Length} iterations ({trainAcc.Length} epochs) train accuracy {Format.Fixed(trainAcc[^1])}, test {Format.Fixed(history.FinalTestAccuracy)}: " +
                      $"the curves stay together (gap {Format.Fixed(gap, 3)}), no overfitting. The book reports ≈ 0.94 after 10 000 iterations on the full 60 000-image MNIST.",
            TrainAccuracies = trainAcc,
            TestAccuracies = testAcc,
            FinalTestAccuracy = history.FinalTestAccuracy,
            Tables = [table],
            Figures = [new NamedFigure(Name + ".svg", figure)],
            Data = [csvEpochs, csvLoss],
        };
    }
}

/// <summary>The numbers of <see cref="TwoLayerNetExperiment"/>.</summary>
internal sealed record TwoLayerNetResult : ExperimentResult
{
    public required double[] TrainAccuracies { get; init; }

    public required double[] TestAccuracies { get; init; }

    public required double FinalTestAccuracy { get; init; }
}
