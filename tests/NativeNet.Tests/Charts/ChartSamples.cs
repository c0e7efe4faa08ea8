using NativeNet.Charts;

namespace NativeNet.Tests.Charts;

/// <summary>
/// Figures shaped like the book's ch. 4 and 6 experiments, with synthetic data from fixed seeds.
/// The tests parse each one; set NATIVENET_CHART_SAMPLES=dir to also write them for a visual check.
/// </summary>
internal static class ChartSamples
{
    public static IEnumerable<(string Name, Chart Chart)> All()
    {
        yield return ("optimizer_loss", OptimizerLoss(log: false));
        yield return ("optimizer_loss_log", OptimizerLoss(log: true));
        yield return ("accuracy", Accuracy());
        yield return ("tangent", Tangent());
        yield return ("activations", Activations());
        yield return ("optimizer_paths", OptimizerPaths());
        yield return ("gradient_descent", GradientDescent());
        yield return ("batchnorm_grid", BatchNormGrid());
        yield return ("hyperparameters", Hyperparameters());
        yield return ("hyperparameter_scatter", HyperparameterScatter());
        yield return ("diverging", Diverging());
    }

    private static double[] Loss(Random random, int count, double floor, double rate)
    {
        var loss = new double[count];
        for (var i = 0; i < count; i++)
            loss[i] = floor + (2.3 - floor) * Math.Exp(-rate * i) + 0.08 * (random.NextDouble() - 0.5) * Math.Exp(-rate * i * 0.3);
        return loss;
    }

    private static LineChart OptimizerLoss(bool log)
    {
        var random = new Random(1);
        MarkerShape[] markers = [MarkerShape.Circle, MarkerShape.Cross, MarkerShape.Square, MarkerShape.Diamond];
        string[] names = ["SGD", "Momentum", "AdaGrad", "Adam"];
        double[] rates = [0.002, 0.008, 0.01, 0.009];
        var series = new List<LineSeries>();
        for (var k = 0; k < 4; k++)
        {
            series.Add(LineSeries.FromValues(names[k], Loss(random, 2000, k == 0 ? 0.28 : 0.12, rates[k])) with
            {
                Marker = markers[k],
                MarkerEvery = 100,
                LineWidth = 1.2,
            });
        }

        return new LineChart
        {
            Title = log ? "Optimizers on MNIST (log loss)" : "Optimizers on MNIST",
            XAxis = new Axis("iterations"),
            YAxis = log ? new Axis("loss") { Scale = AxisScale.Log } : new Axis("loss") { Range = new ValueRange(0, 1) },
            Series = series,
        };
    }

    private static LineChart Accuracy()
    {
        var epochs = Enumerable.Range(0, 17).Select(e => (double)e).ToArray();
        var train = epochs.Select(e => 0.94 - 0.84 * Math.Exp(-e / 1.5)).ToArray();
        var test = epochs.Select(e => 0.935 - 0.83 * Math.Exp(-e / 1.5)).ToArray();
        return new LineChart
        {
            Title = "Mini-batch training: accuracy <TwoLayerNet & MNIST>",
            XAxis = new Axis("epochs"),
            YAxis = new Axis("accuracy") { Range = new ValueRange(0, 1) },
            Series =
            [
                new LineSeries("train acc", epochs, train) { Marker = MarkerShape.Circle },
                new LineSeries("test acc", epochs, test) { Marker = MarkerShape.Square, Line = LineStyle.Dashed },
            ],
        };
    }

    private static LineChart Tangent()
    {
        static double F(double x) => 0.01 * x * x + 0.1 * x;
        var xs = Enumerable.Range(0, 201).Select(i => i * 0.1).ToArray();
        var slope = 0.02 * 5 + 0.1;
        return new LineChart
        {
            Title = "f(x) = 0.01x² + 0.1x and its tangent at x = 5",
            XAxis = new Axis("x"),
            YAxis = new Axis("f(x)"),
            Series =
            [
                new LineSeries("f(x)", xs, xs.Select(F).ToArray()),
                new LineSeries("tangent at x = 5", xs, xs.Select(x => F(5) + slope * (x - 5)).ToArray()) { Line = LineStyle.Dashed },
            ],
        };
    }

    private static ChartGrid Activations()
    {
        var random = new Random(2);
        var charts = new List<Chart>();
        for (var layer = 0; layer < 5; layer++)
        {
            var values = new double[10_000];
            for (var i = 0; i < values.Length; i++)
            {
                var z = Gaussian(random) * 3 / (layer + 1);
                values[i] = 1 / (1 + Math.Exp(-z));
            }

            charts.Add(new Histogram
            {
                Title = $"{layer + 1}-layer",
                Values = values,
                XAxis = new Axis("activation") { Range = new ValueRange(0, 1) },
                YAxis = new Axis(layer == 0 ? "count" : null),
            });
        }

        return ChartGrid.Row("Sigmoid activations, weights std = 1", charts);
    }

    private static ContourPlot PathPlot(string name, int index, Func<double, double, (double, double)> step)
    {
        var xs = new List<double> { -7 };
        var ys = new List<double> { 2 };
        for (var i = 0; i < 30; i++)
        {
            var (x, y) = step(xs[^1], ys[^1]);
            xs.Add(x);
            ys.Add(y);
        }

        return new ContourPlot
        {
            Title = name,
            Function = static (x, y) => x * x / 20 + y * y,
            XRange = new ValueRange(-10, 10),
            YRange = new ValueRange(-10, 10),
            Minimum = new Point2(0, 0),
            Paths = [new LineSeries(name, xs, ys) { Marker = MarkerShape.Circle, Color = ChartPalette.Color(index) }],
            Legend = LegendPosition.None,
        };
    }

    private static ChartGrid OptimizerPaths()
    {
        var vx = 0.0;
        var vy = 0.0;
        return new ChartGrid
        {
            Title = "Optimizer paths on f(x, y) = x²/20 + y²",
            Columns = 2,
            CellWidth = 360,
            CellHeight = 330,
            SharedLegend = false,
            Charts =
            [
                PathPlot("SGD", 0, (x, y) => (x - 0.95 * x / 10, y - 0.95 * 2 * y)),
                PathPlot("Momentum", 1, (x, y) =>
                {
                    vx = 0.9 * vx - 0.1 * x / 10;
                    vy = 0.9 * vy - 0.1 * 2 * y;
                    return (x + vx, y + vy);
                }),
                PathPlot("AdaGrad", 2, (x, y) => (x - 1.5 * Math.Sign(x) * Math.Min(1, Math.Abs(x) / 5), y - 1.5 * Math.Sign(y) * Math.Min(1, Math.Abs(y) / 2))),
                PathPlot("Adam", 3, (x, y) => (x - 0.3 * Math.Sign(x), y - 0.3 * Math.Sign(y) * Math.Min(1, Math.Abs(y)))),
            ],
        };
    }

    private static ContourPlot GradientDescent()
    {
        var xs = new List<double> { -3 };
        var ys = new List<double> { 4 };
        for (var i = 0; i < 20; i++)
        {
            xs.Add(xs[^1] - 0.1 * 2 * xs[^1]);
            ys.Add(ys[^1] - 0.1 * 2 * ys[^1]);
        }

        return new ContourPlot
        {
            Title = "Gradient descent on x0² + x1², lr = 0.1",
            Function = static (x, y) => x * x + y * y,
            XRange = new ValueRange(-4, 4),
            YRange = new ValueRange(-5, 5),
            XLabel = "x0",
            YLabel = "x1",
            EqualAspect = true,
            Paths = [new LineSeries("path from (-3, 4)", xs, ys) { Marker = MarkerShape.Circle, Line = LineStyle.Dashed, Color = ChartPalette.Color(3) }],
        };
    }

    private static ChartGrid BatchNormGrid()
    {
        var random = new Random(3);
        var charts = new List<Chart>();
        var epochs = Enumerable.Range(0, 20).Select(e => (double)e).ToArray();
        for (var k = 0; k < 16; k++)
        {
            var scale = Math.Pow(10, -4.0 * k / 15);
            var bn = epochs.Select(e => Math.Min(1, 0.1 + 0.85 * (1 - Math.Exp(-e / 3)) + 0.02 * random.NextDouble())).ToArray();
            var plain = epochs.Select(e => k is > 3 and < 9 ? Math.Min(1, 0.1 + 0.6 * (1 - Math.Exp(-e / 8))) : 0.1 + 0.01 * random.NextDouble()).ToArray();
            charts.Add(new LineChart
            {
                Title = $"W: {scale:g3}",
                FontSize = 10,
                XAxis = new Axis(k >= 12 ? "epochs" : null),
                YAxis = new Axis(k % 4 == 0 ? "accuracy" : null) { Range = new ValueRange(0, 1) },
                Series =
                [
                    new LineSeries("Batch Normalization", epochs, bn),
                    new LineSeries("Normal (without BatchNorm)", epochs, plain) { Line = LineStyle.Dashed },
                ],
            });
        }

        return new ChartGrid { Title = "Training accuracy with and without batch normalisation", Columns = 4, CellWidth = 240, CellHeight = 190, Charts = charts };
    }

    private static ChartGrid Hyperparameters()
    {
        var random = new Random(4);
        var charts = new List<Chart>();
        var epochs = Enumerable.Range(0, 50).Select(e => (double)e).ToArray();
        for (var k = 0; k < 20; k++)
        {
            var lr = Math.Pow(10, -2 - 1.0 * random.NextDouble());
            var decay = Math.Pow(10, -8 + 3 * random.NextDouble());
            var top = 0.85 - 0.015 * k;
            var val = epochs.Select(e => top * (1 - Math.Exp(-e * lr * 60)) + 0.02 * random.NextDouble()).ToArray();
            var train = epochs.Select(e => Math.Min(1, (top + 0.08) * (1 - Math.Exp(-e * lr * 60)))).ToArray();
            charts.Add(new LineChart
            {
                Title = $"Best-{k + 1} lr={lr:0.###e0}, decay={decay:0.#e0}",
                FontSize = 9,
                XAxis = new Axis(),
                YAxis = new Axis { Range = new ValueRange(0, 1) },
                Series = [new LineSeries("validation accuracy", epochs, val), new LineSeries("train accuracy", epochs, train) { Line = LineStyle.Dashed, Color = "#888888" }],
            });
        }

        return new ChartGrid { Title = "Best 20 of 100 hyper-parameter trials", Columns = 5, CellWidth = 220, CellHeight = 160, Charts = charts };
    }

    private static LineChart HyperparameterScatter()
    {
        var random = new Random(5);
        var lr = new double[100];
        var decay = new double[100];
        for (var i = 0; i < 100; i++)
        {
            lr[i] = Math.Pow(10, random.NextDouble() * 4 - 6);
            decay[i] = Math.Pow(10, random.NextDouble() * 4 - 8);
        }

        return new LineChart
        {
            Title = "Trials: learning rate vs. weight decay",
            XAxis = new Axis("learning rate") { Scale = AxisScale.Log },
            YAxis = new Axis("weight decay") { Scale = AxisScale.Log },
            Series = [new LineSeries("trial", lr, decay) { Line = LineStyle.None, Marker = MarkerShape.Triangle }],
        };
    }

    private static LineChart Diverging()
    {
        var xs = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        var big = xs.Select(i => i < 25 ? Math.Pow(1.6, i) : i < 30 ? double.PositiveInfinity : double.NaN).ToArray();
        var small = xs.Select(i => 10 - 0.01 * i).ToArray();
        var good = xs.Select(i => 10 * Math.Exp(-i / 8)).ToArray();
        return new LineChart
        {
            Title = "Learning rate too big diverges, too small stalls",
            XAxis = new Axis("step"),
            YAxis = new Axis("f(x)") { Range = new ValueRange(0, 20) },
            Series =
            [
                new LineSeries("lr = 10 (diverges)", xs, big) { Marker = MarkerShape.Plus },
                new LineSeries("lr = 1e-10 (stalls)", xs, small) { Line = LineStyle.Dotted },
                new LineSeries("lr = 0.1", xs, good) { Marker = MarkerShape.Diamond },
            ],
        };
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
