using NativeNet.Cli;
using NativeNet.Cli.Experiments;

namespace NativeNet.Tests.Cli;

public class MathExperimentTests
{
    [Fact]
    public void Numerical_gradient_prints_the_reference_digits()
    {
        var result = NumericalGradientExperiment.Run(ExperimentTestSupport.Quick);
        Assert.Equal(0.1999999999990898, result.DerivativeAt5);
        Assert.Equal(0.2999999999986347, result.DerivativeAt10);
        Assert.Equal(6, result.Gradients[0][0], 6);
        Assert.Equal(8, result.Gradients[0][1], 6);
        Assert.Equal(4, result.Gradients[1][1], 6);
        Assert.Equal(0, result.Gradients[2][1], 6);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    public void Gradient_descent_converges_diverges_and_stalls()
    {
        var result = GradientDescentExperiment.Run(ExperimentTestSupport.Quick);
        Assert.Equal(-6.11110793e-10, result.Finals[0][0], 1e-17);
        Assert.Equal(8.14814391e-10, result.Finals[0][1], 1e-17);
        Assert.Equal(-2.58983747e+13, result.Finals[1][0], 1e5);
        Assert.Equal(-1.29524862e+12, result.Finals[1][1], 1e4);
        Assert.Equal(-2.99999994, result.Finals[2][0], 1e-8);
        Assert.Equal(3.99999992, result.Finals[2][1], 1e-8);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    public void Optimizer_path_endpoints_match_the_reference()
    {
        var result = OptimizerPathsExperiment.Run(ExperimentTestSupport.Quick);
        (double X, double Y)[] expected =
        [
            (-0.3503929958, 0.08478231655),
            (0.8964138585, 0.08808560172),
            (-0.1201623223, 2.486389894e-17),
            (0.1360068524, 0.3182453755),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].X, result.Endpoints[i].X, 1e-9);
            Assert.Equal(expected[i].Y, result.Endpoints[i].Y, 1e-9);
        }

        Assert.InRange(result.Endpoints[2].Y, 0, 1e-16);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    public void Activation_histograms_show_saturation_collapse_and_kept_spread()
    {
        var result = ActivationHistogramsExperiment.Run(ExperimentTestSupport.Quick);
        var s = result.Statistics;
        var last = ActivationHistogramsExperiment.Layers;
        LayerStatistics At(string activation, string init, int layer = 5) => ActivationHistogramsExperiment.Find(s, activation, init, layer);

        // Sigmoid, std 1: most outputs pinned near 0 or 1.
        Assert.True(At("sigmoid", "std 1").SaturatedFraction > 0.4);
        // Sigmoid, std 0.01: everything at 0.5.
        Assert.InRange(At("sigmoid", "std 0.01").Mean, 0.48, 0.52);
        Assert.True(At("sigmoid", "std 0.01").StandardDeviation < 0.03);
        // Xavier keeps a spread without saturating.
        Assert.True(At("sigmoid", "Xavier").StandardDeviation > 0.08);
        Assert.True(At("sigmoid", "Xavier").SaturatedFraction < 0.01);
        Assert.True(At("tanh", "Xavier").StandardDeviation > 0.2);
        // ReLU: std 0.01 vanishes, Xavier fades, He holds steady.
        Assert.True(At("relu", "std 0.01").StandardDeviation < 1e-4);
        Assert.True(At("relu", "Xavier").StandardDeviation < 0.5 * At("relu", "Xavier", 1).StandardDeviation);
        var heRatio = At("relu", "He").StandardDeviation / At("relu", "He", 1).StandardDeviation;
        Assert.InRange(heRatio, 0.6, 1.6);
        Assert.Equal(3 * 4 * last, s.Count);
        Assert.Equal(3, result.Figures.Count);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    public void Experiment_command_writes_svg_and_csv()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("experiment", "optimizer-paths", "--out", dir.Path);
        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Contains("0.8964138585", run.Output, StringComparison.Ordinal);
        Assert.Contains("SGD", run.Output, StringComparison.Ordinal);
        var svg = System.Xml.Linq.XDocument.Load(dir.File("optimizer-paths.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var csv = File.ReadAllLines(dir.File("optimizer-paths.csv"));
        Assert.Equal("optimizer,step,x,y", csv[0]);
        Assert.Equal(1 + 4 * 31, csv.Length);
    }
}
