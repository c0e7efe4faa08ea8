using NativeNet.Cli.Figures;
using NativeNet.Networks;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// Batch normalisation against weight scale (the book's batch_norm_test.py): 1000 training samples, 784-100×5-10 ReLU,
/// SGD lr 0.01, batch 100, 20 epochs, initial weight std from logspace(0, −4, 16), with and without batch norm;
/// training accuracy per epoch.
/// </summary>
internal static class BatchNormExperiment
{
    public const string Name = "batch-norm";
    public const int TrainSamples = 1000;
    public const int BatchSize = 100;
    public const double LearningRate = 0.01;
    public const int Epochs = 20;

    /// <summary>A scale counts as learned when the final training accuracy exceeds this (chance is ≈ 0.1).</summary>
    public const double LearnedThreshold = 0.5;

    /// <summary>logspace(0, −4, n): 1 down to 1e−4.</summary>
    public static double[] Scales(bool quick)
    {
        var n = quick ? 8 : 16;
        var scales = new double[n];
        for (var i = 0; i < n; i++)
            scales[i] = Math.Pow(10, -4.0 * i / (n - 1));
        return scales;
    }

    public static BatchNormResult Run(ExperimentSettings settings)
    {
        var data = settings.Data();
        var train = data.Train.Take(TrainSamples);
        var test = data.Test.Take(TrainSamples);
        var scales = Scales(settings.Quick);
        var withBn = new double[scales.Length][];
        var without = new double[scales.Length][];
        var csv = new CsvTable(Name + ".csv", "weight_scale", "epoch", "train_accuracy_batchnorm", "train_accuracy_plain");
        var table = new ResultTable($"Final training accuracy after {Epochs} epochs ({TrainSamples} samples)", "weight scale", "with batch norm", "without");
        var panels = new List<PlotModel>();
        var runs = 0;
        for (var s = 0; s < scales.Length; s++)
        {
            var options = NetworkRuns.MultiLayer(5) with { WeightInit = WeightInit.Std(scales[s]), Seed = (ulong)settings.Seed };
            withBn[s] = [.. NetworkRuns.Epochs(options with { UseBatchNorm = true }, "sgd", LearningRate, train, test, BatchSize, Epochs, settings.Seed).TrainAccuracies];
            settings.Report($"scale {Format.General(scales[s], 3)}", ++runs, 2 * scales.Length);
            without[s] = [.. NetworkRuns.Epochs(options, "sgd", LearningRate, train, test, BatchSize, Epochs, settings.Seed).TrainAccuracies];
            settings.Report($"scale {Format.General(scales[s], 3)}", ++runs, 2 * scales.Length);

            for (var e = 0; e < Epochs; e++)
                csv.Add(scales[s], e + 1, At(withBn[s], e), At(without[s], e));
            table.Add(Format.General(scales[s], 3), FinalText(withBn[s]), FinalText(without[s]));
            var x = NetworkRuns.Indices(Epochs, start: 1);
            var panel = Plots.Lines(
                $"W: {Format.General(scales[s], 3)}",
                Plots.Linear(s >= scales.Length - 4 ? "epoch" : null),
                Plots.Linear(s % 4 == 0 ? "train accuracy" : null, 0, 1),
                fontSize: 11);
            panel.Series.Add(new Curve("with batch norm", x, Padded(withBn[s])) { StrokeThickness = 2 });
            panel.Series.Add(new Curve("without batch norm", x, Padded(without[s])) { Dashes = Curve.Dashed });
            panels.Add(panel);
        }

        var learnedWith = withBn.Count(a => Last(a) > LearnedThreshold);
        var learnedWithout = without.Count(a => Last(a) > LearnedThreshold);
        var figure = new Figure
        {
            Title = $"Training accuracy with and without batch norm, by initial weight scale ({TrainSamples} samples, SGD lr 0.01)",
            Columns = 4,
            PanelWidth = 260,
            PanelHeight = 200,
            SharedLegend = true,
            Panels = panels,
        };
        return new BatchNormResult
        {
            Name = Name,
            Finding = $"With batch norm {learnedWith} of {scales.Length} weight scales reach training accuracy above {LearnedThreshold} within {Epochs} epochs, " +
                      $"without it {learnedWithout}: plain training stalls at chance when the weights are small and diverges when they are large.",
            Scales = scales,
            WithBatchNorm = withBn,
            Without = without,
            Tables = [table],
            Figures = [new NamedFigure(Name + ".svg", figure)],
            Data = [csv],
        };
    }

    // A run that diverged before its last epoch has fewer entries than Epochs.
    private static string FinalText(double[] accuracies) => accuracies.Length < Epochs ? "diverged" : Format.Fixed(accuracies[^1], 3);

    private static double Last(double[] accuracies) => accuracies.Length == 0 ? double.NaN : accuracies[^1];

    private static double At(double[] accuracies, int epoch) => epoch < accuracies.Length ? accuracies[epoch] : double.NaN;

    // A diverged run stops early; its missing epochs are NaN, which the chart leaves blank.
    private static double[] Padded(double[] accuracies)
    {
        var values = new double[Epochs];
        for (var e = 0; e < Epochs; e++)
            values[e] = At(accuracies, e);
        return values;
    }
}

/// <summary>The numbers of <see cref="BatchNormExperiment"/>: training accuracy per epoch for each weight scale.</summary>
internal sealed record BatchNormResult : ExperimentResult
{
    public required double[] Scales { get; init; }

    public required double[][] WithBatchNorm { get; init; }

    public required double[][] Without { get; init; }
}
