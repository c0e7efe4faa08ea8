using NativeNet.Cli.Figures;
using NativeNet.Gradients;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// Gradient descent with a numerical gradient on <c>f = x0² + x1²</c>, 100 steps from (−3, 4) with learning rates
/// 0.1 (converges), 10 (diverges) and 1e−10 (barely moves), as in the book's ch. 4.
/// </summary>
internal static class GradientDescentExperiment
{
    public const string Name = "gradient-descent";
    public const int Steps = 100;

    public static readonly double[] LearningRates = [0.1, 10, 1e-10];

    private static readonly double[] _start = [-3, 4];

    public static GradientDescentExperimentResult Run(ExperimentSettings settings)
    {
        var runs = new List<GradientDescentResult<double>>();
        var table = new ResultTable($"Gradient descent on x0² + x1², {Steps} steps from (-3, 4)", "learning rate", "final point", "distance to the minimum", "outcome");
        var data = new CsvTable(Name + ".csv", "learning_rate", "step", "x0", "x1");
        var distanceSeries = new List<Curve>();
        for (var r = 0; r < LearningRates.Length; r++)
        {
            var lr = LearningRates[r];
            settings.Report("descending", r, LearningRates.Length);
            var run = GradientDescent.Run(static x => x[0] * x[0] + x[1] * x[1], _start, lr, Steps);
            runs.Add(run);
            var distance = Distance(run.Final);
            var outcome = distance < 1e-6 ? "converges" : distance > 1e3 ? "diverges" : "stalls";
            table.Add(Format.General(lr), Format.Point(run.Final[0], run.Final[1], 9), Format.General(distance, 4), outcome);

            var steps = new double[run.Path.Length];
            var distances = new double[run.Path.Length];
            for (var s = 0; s < run.Path.Length; s++)
            {
                steps[s] = s;
                distances[s] = Distance(run.Path[s]);
                data.Add(lr, s, run.Path[s][0], run.Path[s][1]);
            }

            distanceSeries.Add(new Curve($"lr = {Format.General(lr)} ({outcome})", steps, distances));
        }

        var converging = runs[0];
        var path = new Curve("lr = 0.1", Column(converging.Path, 0), Column(converging.Path, 1)) { MarkerType = MarkerType.Circle };
        var stalled = new Curve("lr = 1e-10", Column(runs[2].Path, 0), Column(runs[2].Path, 1)) { MarkerType = MarkerType.Square, MarkerSize = 4, MarkerEvery = Steps, LineStyle = LineStyle.None };
        var contour = ContourPlot.Create(
            "Paths on f = x0² + x1² (lr 10 leaves the plot)",
            static (x, y) => x * x + y * y,
            (-4.5, 4.5),
            (-4.5, 4.5),
            ContourPlot.BowlLevels(20.25, 9),
            [path, stalled],
            minimum: (0, 0),
            axisTitles: ("x0", "x1"),
            equalAspect: true).WithLegend(LegendSpot.TopRight);
        var distanceChart = Plots.Lines("Distance to the minimum per step", Plots.Linear("step"), Plots.Log("‖x‖ (log scale)")).WithLegend(LegendSpot.OutsideRight);
        foreach (var series in distanceSeries)
            distanceChart.Series.Add(series);
        var figure = new Figure
        {
            Title = "Gradient descent: too large a learning rate diverges, too small stalls",
            Columns = 2,
            PanelWidth = 480,
            PanelHeight = 420,
            Panels = [contour, distanceChart],
        };

        settings.Report("descending", 1, 1);
        return new GradientDescentExperimentResult
        {
            Name = Name,
            Finding = $"lr 0.1 reaches {Format.Point(runs[0].Final[0], runs[0].Final[1], 9)}, lr 10 diverges to " +
                      $"{Format.Point(runs[1].Final[0], runs[1].Final[1], 9)} and lr 1e-10 stalls at {Format.Point(runs[2].Final[0], runs[2].Final[1], 9)}.",
            Finals = runs.ConvertAll(r => r.Final),
            Tables = [table],
            Figures = [new NamedFigure(Name + ".svg", figure)],
            Data = [data],
        };
    }

    private static double Distance(double[] x) => Math.Sqrt(x[0] * x[0] + x[1] * x[1]);

    private static double[] Column(double[][] path, int index)
    {
        var values = new double[path.Length];
        for (var i = 0; i < path.Length; i++)
            values[i] = path[i][index];
        return values;
    }
}

/// <summary>The numbers of <see cref="GradientDescentExperiment"/>.</summary>
internal sealed record GradientDescentExperimentResult : ExperimentResult
{
    /// <summary>The final point for each of <see cref="GradientDescentExperiment.LearningRates"/>, in order.</summary>
    public required IReadOnlyList<double[]> Finals { get; init; }
}
