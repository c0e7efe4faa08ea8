using System.Numerics.Tensors;
using NativeNet.Cli.Figures;
using NativeNet.Randomness;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// Activation distributions of a 5-layer stack of 100 units, fed 1000 Gaussian samples (no biases, as in the
/// book's weight_init_activation_histogram.py), for sigmoid, ReLU and tanh under four weight scales:
/// std 1, std 0.01, Xavier √(1/n) and He √(2/n).
/// </summary>
internal static class ActivationHistogramsExperiment
{
    public const string Name = "activation-histograms";
    public const int Samples = 1000;
    public const int Width = 100;
    public const int Layers = 5;
    public const int Bins = 30;

    public static readonly string[] Activations = ["sigmoid", "relu", "tanh"];

    public static readonly (string Label, double Std)[] Inits =
    [
        ("std 1", 1.0),
        ("std 0.01", 0.01),
        ("Xavier", Math.Sqrt(1.0 / Width)),
        ("He", Math.Sqrt(2.0 / Width)),
    ];

    public static ActivationHistogramsResult Run(ExperimentSettings settings)
    {
        var random = new SeededRandom((ulong)settings.Seed);
        var input = new double[Samples * Width];
        random.FillGaussian<double>(input, 1.0);

        var stats = new List<LayerStatistics>();
        var figures = new List<NamedFigure>();
        var data = new CsvTable(Name + ".csv", "activation", "init", "layer", "bin_start", "bin_end", "count");
        var spread = new ResultTable("Standard deviation of each layer's outputs", "activation", "init", "layer 1", "layer 2", "layer 3", "layer 4", "layer 5");
        var tails = new ResultTable("Fraction of outputs saturated (sigmoid < 0.02 or > 0.98, |tanh| > 0.98) or zero (ReLU)", "activation", "init", "layer 1", "layer 2", "layer 3", "layer 4", "layer 5");
        var done = 0;
        foreach (var activation in Activations)
        {
            var cells = new List<PlotModel>();
            foreach (var (label, std) in Inits)
            {
                var outputs = Forward(input, activation, std, random);
                var stds = new string[Layers + 2];
                var fractions = new string[Layers + 2];
                stds[0] = fractions[0] = activation;
                stds[1] = fractions[1] = label;
                for (var layer = 0; layer < Layers; layer++)
                {
                    var s = LayerStatistics.Of(activation, label, layer + 1, outputs[layer]);
                    stats.Add(s);
                    stds[layer + 2] = Format.General(s.StandardDeviation, 2);
                    fractions[layer + 2] = Format.Fixed(s.SaturatedFraction, 2);
                    var (range, values) = HistogramView(activation, std, outputs[layer]);
                    AddCounts(data, activation, label, layer + 1, values, range);
                    cells.Add(HistogramPlot.Create($"{label} · layer {layer + 1}", values, Bins, range.Min, range.Max, null, layer == 0 ? "count" : null, fontSize: 11));
                }

                spread.Add(stds);
                tails.Add(fractions);
                settings.Report("forward passes", ++done, Activations.Length * Inits.Length);
            }

            figures.Add(new NamedFigure($"{Name}-{activation}.svg", new Figure
            {
                Title = Caption(activation),
                Columns = Layers,
                PanelWidth = 220,
                PanelHeight = 180,
                Panels = cells,
            }));
        }

        return new ActivationHistogramsResult
        {
            Name = Name,
            Finding = FindingText(stats),
            Statistics = stats,
            Tables = [spread, tails],
            Figures = figures,
            Data = [data],
        };
    }

    /// <summary>The statistics of one run (activation, init) at one layer (1-based).</summary>
    public static LayerStatistics Find(IReadOnlyList<LayerStatistics> stats, string activation, string init, int layer) =>
        stats.First(s => s.Activation == activation && s.Init == init && s.Layer == layer);

    private static string Caption(string activation) => activation switch
    {
        "sigmoid" => "Sigmoid activations per layer (rows: weight std 1, 0.01, Xavier, He)",
        "relu" => "ReLU activations per layer, positive outputs (rows: weight std 1, 0.01, Xavier, He; the std 1 row has its own x range)",
        _ => "tanh activations per layer (rows: weight std 1, 0.01, Xavier, He)",
    };

    private static string FindingText(IReadOnlyList<LayerStatistics> stats)
    {
        var sigmoid1 = Find(stats, "sigmoid", "std 1", Layers);
        var sigmoidSmall = Find(stats, "sigmoid", "std 0.01", Layers);
        var sigmoidXavier = Find(stats, "sigmoid", "Xavier", Layers);
        var reluSmall = Find(stats, "relu", "std 0.01", Layers);
        var reluXavier = Find(stats, "relu", "Xavier", Layers);
        var reluHe = Find(stats, "relu", "He", Layers);
        var tanhXavier = Find(stats, "tanh", "Xavier", Layers);
        return $"Sigmoid with std 1 saturates: {Format.Fixed(100 * sigmoid1.SaturatedFraction, 0)}% of layer-5 outputs are below 0.02 or above 0.98. " +
               $"With std 0.01 every layer collapses to 0.5 (layer-5 std {Format.General(sigmoidSmall.StandardDeviation, 2)}). " +
               $"Xavier keeps the spread (layer-5 std {Format.General(sigmoidXavier.StandardDeviation, 2)}; tanh {Format.General(tanhXavier.StandardDeviation, 2)}). " +
               $"ReLU with std 0.01 shrinks toward 0 (layer-5 std {Format.General(reluSmall.StandardDeviation, 2)}), Xavier fades layer by layer " +
               $"(std {Format.General(Find(stats, "relu", "Xavier", 1).StandardDeviation, 2)} → {Format.General(reluXavier.StandardDeviation, 2)}), " +
               $"He keeps it (std {Format.General(Find(stats, "relu", "He", 1).StandardDeviation, 2)} → {Format.General(reluHe.StandardDeviation, 2)}).";
    }

    /// <summary>Five layers of <c>z = activation(x · W)</c> with fresh N(0, std²) weights each; returns every layer's output.</summary>
    private static double[][] Forward(double[] input, string activation, double std, SeededRandom random)
    {
        var outputs = new double[Layers][];
        var x = input;
        var weights = new double[Width * Width];
        for (var layer = 0; layer < Layers; layer++)
        {
            random.FillGaussian<double>(weights, std);
            var a = new double[Samples * Width];
            for (var n = 0; n < Samples; n++)
            {
                var row = a.AsSpan(n * Width, Width);
                for (var k = 0; k < Width; k++)
                    TensorPrimitives.MultiplyAdd(weights.AsSpan(k * Width, Width), x[n * Width + k], row, row);
            }

            switch (activation)
            {
                case "sigmoid":
                    TensorPrimitives.Sigmoid<double>(a, a);
                    break;
                case "relu":
                    TensorPrimitives.Max(a, 0.0, a);
                    break;
                default:
                    TensorPrimitives.Tanh<double>(a, a);
                    break;
            }

            outputs[layer] = a;
            x = a;
        }

        return outputs;
    }

    /// <summary>
    /// The book's histogram ranges: (0, 1) for sigmoid, (−1, 1) for tanh. ReLU shows its positive outputs on (0, 2),
    /// except with std 1, where they grow ~7× per layer and the range follows the data.
    /// </summary>
    private static ((double Min, double Max) Range, double[] Values) HistogramView(string activation, double std, double[] outputs)
    {
        if (activation == "sigmoid")
            return ((0, 1), outputs);
        if (activation == "tanh")
            return ((-1, 1), outputs);
        var positive = Array.FindAll(outputs, static v => v > 0);
        if (std < 1 || positive.Length == 0)
            return ((0, 2), positive);
        return ((0, positive.Max()), positive);
    }

    private static void AddCounts(CsvTable data, string activation, string init, int layer, double[] values, (double Min, double Max) range)
    {
        var counts = HistogramPlot.Count(values, Bins, range.Min, range.Max);
        var width = (range.Max - range.Min) / Bins;
        for (var b = 0; b < Bins; b++)
            data.Add(activation, init, layer, range.Min + b * width, range.Min + (b + 1) * width, counts[b]);
    }
}

/// <summary>Mean, spread and the fraction of saturated (sigmoid, tanh) or zero (ReLU) outputs of one layer.</summary>
internal sealed record LayerStatistics(string Activation, string Init, int Layer, double Mean, double StandardDeviation, double SaturatedFraction)
{
    public static LayerStatistics Of(string activation, string init, int layer, double[] values)
    {
        var mean = 0.0;
        foreach (var v in values)
            mean += v;
        mean /= values.Length;
        var variance = 0.0;
        var tail = 0;
        foreach (var v in values)
        {
            variance += (v - mean) * (v - mean);
            var saturated = activation switch
            {
                "sigmoid" => v < 0.02 || v > 0.98,
                "tanh" => Math.Abs(v) > 0.98,
                _ => v == 0,
            };
            if (saturated)
                tail++;
        }

        return new LayerStatistics(activation, init, layer, mean, Math.Sqrt(variance / values.Length), (double)tail / values.Length);
    }
}

/// <summary>The numbers of <see cref="ActivationHistogramsExperiment"/>.</summary>
internal sealed record ActivationHistogramsResult : ExperimentResult
{
    /// <summary>One entry per activation, init and layer.</summary>
    public required IReadOnlyList<LayerStatistics> Statistics { get; init; }
}
