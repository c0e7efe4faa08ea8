using NativeNet.Cli.Figures;
using NativeNet.Optimizers;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// The four update rules on <c>f(x, y) = x²/20 + y²</c> (gradient <c>(x/10, 2y)</c>), 30 steps from (−7, 2)
/// with the book's learning rates: SGD zig-zags, Momentum rolls, AdaGrad and Adam head straight in (the book's ch. 6.1).
/// </summary>
internal static class OptimizerPathsExperiment
{
    public const string Name = "optimizer-paths";
    public const int Steps = 30;

    /// <summary>The methods and learning rates of the book's figure 6-8.</summary>
    public static readonly (string Optimizer, string Label, double LearningRate)[] Runs =
    [
        ("sgd", "SGD", 0.95),
        ("momentum", "Momentum", 0.1),
        ("adagrad", "AdaGrad", 1.5),
        ("adam", "Adam", 0.3),
    ];

    public static double Function(double x, double y) => x * x / 20 + y * y;

    public static OptimizerPathsResult Run(ExperimentSettings settings)
    {
        var endpoints = new List<(double X, double Y)>();
        var table = new ResultTable($"Optimizer paths on f(x, y) = x²/20 + y², {Steps} steps from (-7, 2)", "optimizer", "learning rate", "end point", "f at the end");
        var data = new CsvTable(Name + ".csv", "optimizer", "step", "x", "y");
        var panels = new List<PlotModel>();
        for (var r = 0; r < Runs.Length; r++)
        {
            var (name, label, lr) = Runs[r];
            var optimizer = OptimizerFactory.Create<double>(name, 2, lr: lr);
            double[] p = [-7, 2];
            var gradient = new double[2];
            var xs = new double[Steps + 1];
            var ys = new double[Steps + 1];
            xs[0] = p[0];
            ys[0] = p[1];
            data.Add(label, 0, p[0], p[1]);
            for (var s = 1; s <= Steps; s++)
            {
                gradient[0] = p[0] / 10;
                gradient[1] = 2 * p[1];
                optimizer.Step(p, gradient);
                xs[s] = p[0];
                ys[s] = p[1];
                data.Add(label, s, p[0], p[1]);
            }

            endpoints.Add((p[0], p[1]));
            table.Add(label, Format.General(lr), Format.Point(p[0], p[1]), Format.General(Function(p[0], p[1]), 4));
            panels.Add(ContourPlot.Create(
                $"{label} (lr {Format.General(lr)})",
                Function,
                (-10, 10),
                (-5, 5),
                [0.25, 1, 2.25, 4, 6.25, 9, 12.25, 16, 20.25],
                [new Curve(label, xs, ys) { MarkerType = MarkerType.Circle, Color = ChartPalette.Color(r) }],
                minimum: (0, 0),
                axisTitles: ("x", "y")).WithLegend(LegendSpot.None));
            settings.Report("optimizing", r + 1, Runs.Length);
        }

        var figure = new Figure
        {
            Title = $"{Steps} updates on f(x, y) = x²/20 + y² from (-7, 2)",
            Columns = 2,
            PanelWidth = 420,
            PanelHeight = 300,
            Panels = panels,
        };

        return new OptimizerPathsResult
        {
            Name = Name,
            Finding = "SGD zig-zags along the steep y direction and crawls along x; Momentum overshoots and rolls back; " +
                      "AdaGrad damps the steep direction at once and heads straight in; Adam rolls in with less swing. " +
                      $"End points: SGD {Format.Point(endpoints[0].X, endpoints[0].Y)}, Momentum {Format.Point(endpoints[1].X, endpoints[1].Y)}, " +
                      $"AdaGrad {Format.Point(endpoints[2].X, endpoints[2].Y)}, Adam {Format.Point(endpoints[3].X, endpoints[3].Y)} (the same as the book's code gives).",
            Endpoints = endpoints,
            Tables = [table],
            Figures = [new NamedFigure(Name + ".svg", figure)],
            Data = [data],
        };
    }
}

/// <summary>The numbers of <see cref="OptimizerPathsExperiment"/>.</summary>
internal sealed record OptimizerPathsResult : ExperimentResult
{
    /// <summary>The end point of SGD, Momentum, AdaGrad and Adam, in the order of <see cref="OptimizerPathsExperiment.Runs"/>.</summary>
    public required IReadOnlyList<(double X, double Y)> Endpoints { get; init; }
}
