using NativeNet.Charts;
using NativeNet.Gradients;

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
        var distanceSeries = new List<LineSeries>();
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

            distanceSeries.Add(new LineSeries($"lr = {Format.General(lr)} ({outcome})", steps, distances));
        }

        var converging = runs[0];
        var path = new LineSeries("lr = 0.1", Column(converging.Path, 0), Column(converging.Path, 1)) { Marker = MarkerShape.Circle, MarkerEvery = 1 };
        var stalled = new LineSeries("lr = 1e-10", Column(runs[2].Path, 0), Column(runs[2].Path, 1)) { Marker = MarkerShape.Square, Line = LineStyle.None };
        var contour = new ContourPlot
        {
            Title = "Paths on f = x0² + x1² (lr 10 leaves the plot)",
            Function = static (x, y) => x * x + y * y,
            XRange = new ValueRange(-4.5, 4.5),
            YRange = new ValueRange(-4.5, 4.5),
            XLabel = "x0",
            YLabel = "x1",
            EqualAspect = true,
            Paths = [path, stalled],
            Minimum = new Point2(0, 0),
        };
        var distanceChart = new LineChart
        {
            Title = "Distance to the minimum per step",
            XAxis = new Axis("step"),
            YAxis = new Axis("‖x‖ (log scale)") { Scale = AxisScale.Log },
            Series = distanceSeries,
            Legend = LegendPosition.OutsideRight,
        };
        var figure = new ChartGrid
        {
            Title = "Gradient descent: too large a learning rate diverges, too small stalls",
            Columns = 2,
            CellWidth = 480,
            CellHeight = 420,
            SharedLegend = false,
            Charts = [contour, distanceChart],
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
