using NativeNet.Networks;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// Weight initialisation on MNIST (the book's weight_init_compare.py): 784-100×4-10 ReLU, SGD lr 0.01, batch 128,
/// 2000 iterations, weights std 0.01 / Xavier / He. With std 0.01 the signal vanishes and the loss stays at ln 10 ≈ 2.30.
/// </summary>
internal static class WeightInitExperiment
{
    public const string Name = "weight-init";
    public const int BatchSize = 128;
    public const double LearningRate = 0.01;

    public static readonly (string Label, WeightInit Init, MarkerType Marker)[] Runs =
    [
        ("std=0.01", WeightInit.Std(0.01), MarkerType.Circle),
        ("Xavier", WeightInit.Xavier, MarkerType.Square),
        ("He", WeightInit.He, MarkerType.Diamond),
    ];

    public static int Iterations(bool quick) => quick ? 500 : 2000;

    public static LossCurvesResult Run(ExperimentSettings settings)
    {
        var iterations = Iterations(settings.Quick);
        var train = settings.Data().Train;
        var curves = new List<LossCurve>();
        for (var r = 0; r < Runs.Length; r++)
        {
            var (label, init, marker) = Runs[r];
            var options = NetworkRuns.MultiLayer(4) with { WeightInit = init, Seed = (ulong)settings.Seed };
            var losses = NetworkRuns.Iterate(options, "sgd", LearningRate, train, BatchSize, iterations, settings.Seed,
                i => { if (i % 50 == 0) settings.Report(label, r * iterations + i, Runs.Length * iterations); });
            curves.Add(new LossCurve(label, losses, marker));
        }

        return LossCurvesResult.Create(
            Name,
            $"Weight init on MNIST: 784-100×4-10 ReLU, SGD lr 0.01, batch {BatchSize}, {iterations} iterations (smoothed loss)",
            curves,
            yMax: 2.5,
            finding: (ranked, tail) =>
                $"With std 0.01 the loss stays at {Format.Fixed(tail["std=0.01"], 3)} (ln 10 ≈ 2.303: the network never learns); " +
                $"Xavier reaches {Format.Fixed(tail["Xavier"], 3)} and He {Format.Fixed(tail["He"], 3)} (mean of the last 100 iterations): {ranked[0]} learns fastest.");
    }
}
