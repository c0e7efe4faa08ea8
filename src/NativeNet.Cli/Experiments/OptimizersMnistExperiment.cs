using NativeNet.Cli.Figures;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// SGD, Momentum, AdaGrad and Adam training the same 784-100×4-10 ReLU network (He init, identical start) on MNIST,
/// batch 128, 2000 iterations, learning rates of the book's optimizer_compare_mnist.py; smoothed loss curves.
/// </summary>
internal static class OptimizersMnistExperiment
{
    public const string Name = "optimizers-mnist";
    public const int BatchSize = 128;

    public static readonly (string Optimizer, string Label, double LearningRate, MarkerType Marker)[] Runs =
    [
        ("sgd", "SGD", 0.01, MarkerType.Circle),
        ("momentum", "Momentum", 0.01, MarkerType.Cross),
        ("adagrad", "AdaGrad", 0.01, MarkerType.Square),
        ("adam", "Adam", 0.001, MarkerType.Diamond),
    ];

    public static int Iterations(bool quick) => quick ? 500 : 2000;

    public static LossCurvesResult Run(ExperimentSettings settings)
    {
        var iterations = Iterations(settings.Quick);
        var train = settings.Data().Train;
        var options = NetworkRuns.MultiLayer(4) with { Seed = (ulong)settings.Seed };
        var curves = new List<LossCurve>();
        for (var r = 0; r < Runs.Length; r++)
        {
            var (optimizer, label, lr, marker) = Runs[r];
            var losses = NetworkRuns.Iterate(options, optimizer, lr, train, BatchSize, iterations, settings.Seed,
                i => { if (i % 50 == 0) settings.Report(label, r * iterations + i, Runs.Length * iterations); });
            curves.Add(new LossCurve(label, losses, marker));
        }

        return LossCurvesResult.Create(
            Name,
            $"Optimizers on MNIST: 784-100×4-10 ReLU, batch {BatchSize}, {iterations} iterations (smoothed loss)",
            curves,
            yMax: 1.0,
            finding: (ranked, tail) =>
                $"After {iterations} iterations the mean loss of the last 100 is " +
                string.Join(", ", curves.Select(c => $"{c.Label} {Format.General(tail[c.Label], 2)}")) +
                $": {ranked[^1]} is the slowest (the book: SGD ≈ 0.28, the others ≈ 0.12-0.14 at iteration 1900 on the full MNIST).");
    }
}

/// <summary>One training run's loss per iteration.</summary>
internal sealed record LossCurve(string Label, double[] Losses, MarkerType Marker);

/// <summary>Loss curves of several runs, their smoothed versions, and the mean loss over the last 100 iterations of each.</summary>
internal sealed record LossCurvesResult : ExperimentResult
{
    public required IReadOnlyList<LossCurve> Curves { get; init; }

    /// <summary>The mean of the last 100 losses of each run, by label.</summary>
    public required IReadOnlyDictionary<string, double> FinalLoss { get; init; }

    /// <summary>Labels from the lowest final loss to the highest.</summary>
    public required IReadOnlyList<string> Ranking { get; init; }

    public static LossCurvesResult Create(
        string name,
        string title,
        IReadOnlyList<LossCurve> curves,
        double yMax,
        Func<IReadOnlyList<string>, IReadOnlyDictionary<string, double>, string> finding)
    {
        var iterations = curves[0].Losses.Length;
        var tail = curves.ToDictionary(c => c.Label, c => NetworkRuns.TailMean(c.Losses, 100));
        var ranking = curves.Select(c => c.Label).OrderBy(l => double.IsNaN(tail[l]) ? double.MaxValue : tail[l]).ToArray();

        var checkpoints = Enumerable.Range(0, 5).Select(k => k * (iterations / 5)).Append(iterations - 1).Distinct().ToArray();
        var table = new ResultTable(title + ": loss at selected iterations (raw batch loss)", ["iteration", .. curves.Select(c => c.Label)]);
        foreach (var i in checkpoints)
            table.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), .. curves.Select(c => Format.Fixed(c.Losses[i], 4))]);
        table.Add(["mean of last 100", .. curves.Select(c => Format.Fixed(tail[c.Label], 4))]);

        var smoothed = curves.Select(c => CurveSmoothing.Smooth(c.Losses)).ToArray();
        var data = new CsvTable(name + ".csv", ["iteration", .. curves.Select(c => c.Label), .. curves.Select(c => c.Label + " smoothed")]);
        for (var i = 0; i < iterations; i++)
            data.Add([i, .. curves.Select(c => (object)c.Losses[i]), .. smoothed.Select(s => (object)s[i])]);

        var x = NetworkRuns.Indices(iterations);
        var chart = Plots.Lines(title, Plots.Linear("iteration"), Plots.Linear("loss", 0, yMax)).WithLegend(LegendSpot.MiddleRight);
        for (var k = 0; k < curves.Count; k++)
            chart.Series.Add(new Curve(curves[k].Label, x, smoothed[k]) { MarkerType = curves[k].Marker, MarkerEvery = Math.Max(1, iterations / 20) });

        return new LossCurvesResult
        {
            Name = name,
            Finding = finding(ranking, tail),
            Curves = curves,
            FinalLoss = tail,
            Ranking = ranking,
            Tables = [table],
            Figures = [new NamedFigure(name + ".svg", Figure.Single(chart, 720, 460))],
            Data = [data],
        };
    }
}
