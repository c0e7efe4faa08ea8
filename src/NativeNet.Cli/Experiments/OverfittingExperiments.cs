using NativeNet.Cli.Figures;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// Overfitting and its two remedies (the book's overfit_weight_decay.py and overfit_dropout.py): the first 300
/// training images, 784-100×6-10 ReLU (He), SGD lr 0.01, batch 100; plain and with weight decay λ = 0.1 for 201 epochs,
/// with dropout 0.2 for 301 epochs. Train accuracy on the 300, test accuracy on the test set after every epoch.
/// </summary>
internal static class OverfittingExperiments
{
    public const string OverfittingName = "overfitting";
    public const string WeightDecayName = "weight-decay";
    public const string DropoutName = "dropout";
    public const int TrainSamples = 300;
    public const int BatchSize = 100;
    public const double LearningRate = 0.01;

    /// <summary>Quick mode evaluates every 5th test image (2000 of 10 000): evaluation dominates the run time, and a
    /// stride keeps the subset representative (the first images of the MNIST test set are harder than the rest).</summary>
    public const int QuickTestStride = 5;

    public static OverfittingResult RunOverfitting(ExperimentSettings settings) =>
        Run(settings, OverfittingName, "no regularisation", weightDecay: 0, dropout: 0, epochs: 201);

    public static OverfittingResult RunWeightDecay(ExperimentSettings settings) =>
        Run(settings, WeightDecayName, "weight decay λ = 0.1", weightDecay: 0.1, dropout: 0, epochs: 201);

    public static OverfittingResult RunDropout(ExperimentSettings settings) =>
        Run(settings, DropoutName, "dropout 0.2", weightDecay: 0, dropout: 0.2, epochs: 301);

    private static NativeNet.Data.LabeledDataset<float> Strided(NativeNet.Data.LabeledDataset<float> data, int stride)
    {
        var indices = new int[(data.Count + stride - 1) / stride];
        for (var i = 0; i < indices.Length; i++)
            indices[i] = i * stride;
        return data.Subset(indices);
    }

    private static OverfittingResult Run(ExperimentSettings settings, string name, string variant, double weightDecay, double dropout, int epochs)
    {
        var data = settings.Data();
        var train = data.Train.Take(TrainSamples);
        var test = settings.Quick ? Strided(data.Test, QuickTestStride) : data.Test;
        var options = NetworkRuns.MultiLayer(6) with { WeightDecay = weightDecay, DropoutRatio = dropout, Seed = (ulong)settings.Seed };
        var history = NetworkRuns.Epochs(options, "sgd", LearningRate, train, test, BatchSize, epochs, settings.Seed,
            p => { if (p.IsEpochEnd) settings.Report(variant, p.Epoch, epochs); });

        var trainAcc = history.TrainAccuracies.ToArray();
        var testAcc = history.TestAccuracies.ToArray();
        var finalTrain = trainAcc[^1];
        var finalTest = testAcc[^1];
        var bestTrain = trainAcc.Max();

        var csv = new CsvTable(name + ".csv", "epoch", "train_accuracy", "test_accuracy");
        var table = new ResultTable($"{TrainSamples} training samples, 784-100×6-10, {variant}: accuracy by epoch", "epoch", "train", "test", "gap");
        for (var e = 0; e < trainAcc.Length; e++)
        {
            csv.Add(e + 1, trainAcc[e], testAcc[e]);
            if ((e + 1) % 50 == 0 || e == 0 || e == trainAcc.Length - 1)
                table.Add((e + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Fixed(trainAcc[e], 3), Format.Fixed(testAcc[e], 3), Format.Fixed(trainAcc[e] - testAcc[e], 3));
        }

        var x = NetworkRuns.Indices(trainAcc.Length, start: 1);
        var chart = Plots.Lines(
            $"{TrainSamples} training samples, {variant}: train {Format.Fixed(finalTrain, 3)}, test {Format.Fixed(finalTest, 3)}",
            Plots.Linear("epoch", 0, epochs),
            Plots.Linear("accuracy", 0, 1)).WithLegend(LegendSpot.BottomRight);
        chart.Series.Add(new Curve("train", x, trainAcc) { MarkerType = MarkerType.Circle, MarkerEvery = 10 });
        chart.Series.Add(new Curve("test", x, testAcc) { MarkerType = MarkerType.Square, MarkerEvery = 10 });

        return new OverfittingResult
        {
            Name = name,
            Finding = $"{variant}: after {trainAcc.Length} epochs train accuracy {Format.Fixed(finalTrain, 3)} (best {Format.Fixed(bestTrain, 3)}), " +
                      $"test {Format.Fixed(finalTest, 3)}, gap {Format.Fixed(finalTrain - finalTest, 3)}" +
                      (history.StopMessage is null ? "." : $" ({history.StopMessage})"),
            TrainAccuracies = trainAcc,
            TestAccuracies = testAcc,
            Tables = [table],
            Figures = [new NamedFigure(name + ".svg", Figure.Single(chart))],
            Data = [csv],
        };
    }
}

/// <summary>Train and test accuracy per epoch of one overfitting run.</summary>
internal sealed record OverfittingResult : ExperimentResult
{
    public required double[] TrainAccuracies { get; init; }

    public required double[] TestAccuracies { get; init; }

    public double FinalTrain => TrainAccuracies[^1];

    public double FinalTest => TestAccuracies[^1];

    /// <summary>Train minus test accuracy, averaged over the last 10 epochs (one epoch is noisy).</summary>
    public double FinalGap => NetworkRuns.TailMean(TrainAccuracies, 10) - NetworkRuns.TailMean(TestAccuracies, 10);
}
