using NativeNet.Cli.Figures;
using NativeNet.Gradients;
using OxyPlot;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// Central differences (the book's ch. 4): the derivative of <c>f(x) = 0.01x² + 0.1x</c> at 5 and 10 with its
/// tangent lines, and the numerical gradient of <c>x0² + x1²</c> at three points.
/// </summary>
internal static class NumericalGradientExperiment
{
    public const string Name = "numerical-gradient";

    private static readonly double[][] _gradientPoints = [[3, 4], [0, 2], [3, 0]];

    /// <summary>The book's function_1; <c>0.01 * (x * x)</c> rounds as Python's <c>0.01*x**2</c> does.</summary>
    public static double Function(double x) => 0.01 * (x * x) + 0.1 * x;

    public static NumericalGradientResult Run(ExperimentSettings settings)
    {
        settings.Report("derivatives", 0, 1);
        var at5 = NumericalDifferentiation.Derivative(Function, 5);
        var at10 = NumericalDifferentiation.Derivative(Function, 10);

        var derivatives = new ResultTable("Numerical derivative of f(x) = 0.01x² + 0.1x (h = 1e-4)", "x", "numerical", "analytic 0.02x + 0.1", "difference");
        foreach (var (x, d) in new[] { (5.0, at5), (10.0, at10) })
            derivatives.Add(Format.General(x), Format.Exact(d), Format.General(0.02 * x + 0.1), Format.General(d - (0.02 * x + 0.1), 3));

        var gradients = new ResultTable("Numerical gradient of f(x0, x1) = x0² + x1²", "point", "gradient", "analytic");
        var gradientValues = new List<double[]>();
        foreach (var p in _gradientPoints)
        {
            var g = NumericalDifferentiation.Gradient(static x => x[0] * x[0] + x[1] * x[1], p);
            gradientValues.Add(g);
            gradients.Add(Format.Point(p[0], p[1]), Format.Point(g[0], g[1], 12), Format.Point(2 * p[0], 2 * p[1]));
        }

        var xs = new double[201];
        var f = new double[xs.Length];
        var tangent5 = new double[xs.Length];
        var tangent10 = new double[xs.Length];
        var data = new CsvTable(Name + ".csv", "x", "f", "tangent_at_5", "tangent_at_10");
        for (var i = 0; i < xs.Length; i++)
        {
            var x = i * 0.1;
            xs[i] = x;
            f[i] = Function(x);
            tangent5[i] = Function(5) + at5 * (x - 5);
            tangent10[i] = Function(10) + at10 * (x - 10);
            data.Add(x, f[i], tangent5[i], tangent10[i]);
        }

        var chart = Plots.Lines("f(x) = 0.01x² + 0.1x and its tangents from central differences", Plots.Linear("x"), Plots.Linear("f(x)")).WithLegend(LegendSpot.TopLeft);
        chart.Series.Add(new Curve("f(x)", xs, f) { StrokeThickness = 2.5 });
        chart.Series.Add(new Curve($"tangent at x = 5 (slope {Format.General(at5, 4)})", xs, tangent5) { Dashes = Curve.Dashed });
        chart.Series.Add(new Curve($"tangent at x = 10 (slope {Format.General(at10, 4)})", xs, tangent10) { Dashes = Curve.Dashed });
        chart.Series.Add(new Curve(string.Empty, [5.0, 10.0], [Function(5), Function(10)]) { MarkerType = MarkerType.Circle, MarkerSize = 4, LineStyle = LineStyle.None, Color = OxyColors.Black });

        settings.Report("derivatives", 1, 1);
        return new NumericalGradientResult
        {
            Name = Name,
            Finding = $"f'(5) ≈ {Format.Exact(at5)} and f'(10) ≈ {Format.Exact(at10)} (analytic 0.2 and 0.3; the reference prints the same digits). " +
                      "The numerical gradient of x0² + x1² is (6, 8) at (3, 4), (0, 4) at (0, 2) and (6, 0) at (3, 0).",
            DerivativeAt5 = at5,
            DerivativeAt10 = at10,
            Gradients = gradientValues,
            Tables = [derivatives, gradients],
            Figures = [new NamedFigure(Name + ".svg", Figure.Single(chart))],
            Data = [data],
        };
    }
}

/// <summary>The numbers of <see cref="NumericalGradientExperiment"/>.</summary>
internal sealed record NumericalGradientResult : ExperimentResult
{
    public required double DerivativeAt5 { get; init; }

    public required double DerivativeAt10 { get; init; }

    /// <summary>The numerical gradients of x0² + x1² at (3, 4), (0, 2), (3, 0).</summary>
    public required IReadOnlyList<double[]> Gradients { get; init; }
}
