using NativeNet.Gradients;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;
using NativeNet.Tests.Layers;

namespace NativeNet.Tests.Gradients;

public class GradientCheckTests
{
    private static readonly GradientCheckOptions _tight = new() { Epsilon = 1e-6, AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-6 };

    [Fact]
    public void CheckTensor_accepts_the_true_gradient_of_a_known_function()
    {
        // f(x) = x0² + x1², gradient (6, 8) at (3, 4), as in the reference.
        double[] x = [3, 4];
        GradientCheckEntry entry = GradientCheck.CheckTensor("x", () => (x[0] * x[0]) + (x[1] * x[1]), x, [6.0, 8.0], _tight);
        Assert.True(entry.Passed, entry.ToString());
        Assert.Equal(2, entry.ElementsChecked);
        Assert.True(entry.WorstAbsoluteError < 1e-8);
        Assert.Equal([3.0, 4.0], x); // restored exactly
    }

    [Fact]
    public void CheckTensor_rejects_a_wrong_gradient_and_names_the_worst_element()
    {
        double[] x = [3, 4];
        GradientCheckEntry entry = GradientCheck.CheckTensor("x", () => (x[0] * x[0]) + (x[1] * x[1]), x, [6.0, 8.1], _tight);
        Assert.False(entry.Passed);
        Assert.Equal(1, entry.WorstIndex);
        Assert.Equal(8.1, entry.WorstAnalytic);
        Assert.Equal(8.0, entry.WorstNumerical, 1e-8);
        Assert.Equal(0.1, entry.WorstAbsoluteError, 1e-8);
    }

    [Fact]
    public void A_NaN_gradient_fails()
    {
        double[] x = [1];
        Assert.False(GradientCheck.CheckTensor("x", () => x[0] * x[0], x, [double.NaN], _tight).Passed);
    }

    [Fact]
    public void A_layer_with_a_wrong_input_gradient_fails_the_check()
    {
        var host = new LayerHost<double>(new WrongScaleLayer(6, breakInputGradient: true), 3);
        double[] x = LayerTestKit.Gaussian<double>(18, 1);
        GradientCheckReport report = GradientCheck.CheckLayer(host, LayerTestKit.View(x, 3, 6), _tight);

        Assert.False(report.Passed);
        Assert.False(report["x"].Passed);
        Assert.True(report["a"].Passed);
        string table = report.ToString();
        Assert.Contains("FAILED", table);
        Assert.Contains("FAIL", table.Split('\n').Single(l => l.StartsWith("x ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_layer_with_a_wrong_parameter_gradient_fails_on_that_parameter_only()
    {
        var host = new LayerHost<double>(new WrongScaleLayer(6, breakInputGradient: false), 3);
        double[] x = LayerTestKit.Gaussian<double>(18, 1);
        GradientCheckReport report = GradientCheck.CheckLayer(host, LayerTestKit.View(x, 3, 6), _tight);

        Assert.False(report.Passed);
        Assert.True(report["x"].Passed);
        Assert.False(report["a"].Passed);
    }

    [Fact]
    public void A_correct_layer_passes_and_the_check_restores_parameters_state_and_input()
    {
        var c = new LayerCase(Rows: 4, Width: 5, OutputWidth: 3, Seed: 3);
        LayerHost<double> host = LayerTestKit.Host<double>(LayerKind.BatchNormTraining, c);
        double[] x = LayerTestKit.Input<double>(LayerKind.BatchNormTraining, c, 0);
        double[] xCopy = (double[])x.Clone();
        double[] values = host.Parameters.Values.ToArray();
        double[] state = host.Parameters.State.ToArray();

        GradientCheckReport report = GradientCheck.CheckLayer(host, LayerTestKit.View(x, 4, 5), _tight);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["x", "gamma1", "beta1"], report.Entries.Select(e => e.Name));
        Assert.Equal(xCopy, x);
        Assert.Equal(values, host.Parameters.Values.ToArray());
        Assert.Equal(state, host.Parameters.State.ToArray());
    }

    [Fact]
    public void Large_tensors_are_sampled_reproducibly()
    {
        var c = new LayerCase(Rows: 6, Width: 30, OutputWidth: 20, Seed: 5);
        LayerHost<double> host = LayerTestKit.Host<double>(LayerKind.Affine, c);
        double[] x = LayerTestKit.Input<double>(LayerKind.Affine, c, 0);
        GradientCheckOptions options = _tight with { MaxElementsPerTensor = 25, Seed = 9 };

        GradientCheckReport first = GradientCheck.CheckLayer(host, LayerTestKit.View(x, 6, 30), options);
        GradientCheckReport second = GradientCheck.CheckLayer(host, LayerTestKit.View(x, 6, 30), options);

        Assert.True(first.Passed, first.ToString());
        Assert.Equal(25, first["W1"].ElementsChecked);
        Assert.Equal(600, first["W1"].ElementCount);
        Assert.Equal(20, first["b1"].ElementsChecked); // smaller than the limit: all
        Assert.Equal(first.Entries, second.Entries);
    }

    [Fact]
    public void CheckParameters_checks_a_hand_built_two_layer_network()
    {
        // Affine(4→5) → Sigmoid → Affine(5→3) → SoftmaxWithLoss, all parameters in one store.
        const int n = 4;
        var layout = new ParameterLayout();
        var plan = new WorkspacePlan();
        var affine1 = new AffineLayer<double>(4, 5, 0.5, "W1", "b1");
        var sigmoid = new SigmoidLayer<double>(5);
        var affine2 = new AffineLayer<double>(5, 3, 0.5, "W2", "b2");
        var loss = new SoftmaxWithLossLayer<double>(3, logEpsilon: 0);
        ILayer<double>[] layers = [affine1, sigmoid, affine2];
        foreach (ILayer<double> layer in layers)
        {
            layer.Plan(layout, plan);
        }

        loss.Plan(plan);
        var store = new ParameterStore<double>(layout);
        Workspace<double> workspace = plan.Build<double>(n);
        var random = new SeededRandom(1);
        foreach (ILayer<double> layer in layers)
        {
            layer.Bind(store, workspace);
            layer.Initialize(random);
        }

        loss.Bind(workspace);
        LayerTestKit.FillGaussian(store.Value("b1").Span, random, 0.5, 0.0);

        double[] x = LayerTestKit.Gaussian<double>(n * 4, 2);
        int[] labels = [0, 2, 1, 2];
        var a1 = new double[n * 5];
        var z1 = new double[n * 5];
        var a2 = new double[n * 3];
        var da2 = new double[n * 3];
        var dz1 = new double[n * 5];
        var da1 = new double[n * 5];

        double Loss()
        {
            affine1.Forward(LayerTestKit.View(x, n, 4), LayerTestKit.Writable(a1, n, 5), true);
            sigmoid.Forward(LayerTestKit.View(a1, n, 5), LayerTestKit.Writable(z1, n, 5), true);
            affine2.Forward(LayerTestKit.View(z1, n, 5), LayerTestKit.Writable(a2, n, 3), true);
            return loss.Forward(LayerTestKit.View(a2, n, 3), LabelBatch<double>.FromIndices(labels));
        }

        void Backward()
        {
            Loss();
            loss.Backward(LayerTestKit.View(a2, n, 3), LabelBatch<double>.FromIndices(labels), LayerTestKit.Writable(da2, n, 3));
            affine2.Backward(LayerTestKit.View(z1, n, 5), LayerTestKit.View(a2, n, 3), LayerTestKit.View(da2, n, 3), LayerTestKit.Writable(dz1, n, 5));
            sigmoid.Backward(LayerTestKit.View(a1, n, 5), LayerTestKit.View(z1, n, 5), LayerTestKit.View(dz1, n, 5), LayerTestKit.Writable(da1, n, 5));
            affine1.Backward(LayerTestKit.View(x, n, 4), LayerTestKit.View(a1, n, 5), LayerTestKit.View(da1, n, 5), default);
        }

        GradientCheckReport report = GradientCheck.CheckParameters(Loss, Backward, store, _tight);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["W1", "b1", "W2", "b2"], report.Entries.Select(e => e.Name));

        // The same check sees a broken backward: drop the sigmoid's derivative.
        void BrokenBackward()
        {
            Loss();
            loss.Backward(LayerTestKit.View(a2, n, 3), LabelBatch<double>.FromIndices(labels), LayerTestKit.Writable(da2, n, 3));
            affine2.Backward(LayerTestKit.View(z1, n, 5), LayerTestKit.View(a2, n, 3), LayerTestKit.View(da2, n, 3), LayerTestKit.Writable(dz1, n, 5));
            affine1.Backward(LayerTestKit.View(x, n, 4), LayerTestKit.View(a1, n, 5), LayerTestKit.View(dz1, n, 5), default);
        }

        GradientCheckReport broken = GradientCheck.CheckParameters(Loss, BrokenBackward, store, _tight);
        Assert.False(broken["W1"].Passed);
        Assert.False(broken["b1"].Passed);
        Assert.True(broken["W2"].Passed);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        double[] x = [1];
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckTensor("x", () => x[0], x, [1.0], new GradientCheckOptions { Epsilon = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckTensor("x", () => x[0], x, [1.0], new GradientCheckOptions { AbsoluteTolerance = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckTensor("x", () => x[0], x, [1.0], new GradientCheckOptions { RelativeTolerance = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckTensor("x", () => x[0], x, [1.0], new GradientCheckOptions { MaxElementsPerTensor = 0 }));
        Assert.Throws<ShapeMismatchException>(() => GradientCheck.CheckTensor("x", () => x[0], x, [1.0, 2.0]));
    }

    /// <summary>
    /// A test-only layer <c>y = a ⊙ x</c> (per feature) whose backward is wrong on purpose: either
    /// <c>dx = dy</c> (missing the factor a) or <c>da += Σ dy</c> (missing the factor x).
    /// </summary>
    private sealed class WrongScaleLayer(int length, bool breakInputGradient) : ILayer<double>
    {
        private ParameterHandle _a;
        private ParameterStore<double>? _store;

        public string Name => "WrongScale";

        public int InputLength => length;

        public int OutputLength => length;

        public int ParameterLength => length;

        public int StateLength => 0;

        public void Plan(ParameterLayout parameters, WorkspacePlan workspace) =>
            _a = parameters.AddParameter("a", new Shape(length), ParameterKind.Scale);

        public void Bind(ParameterStore<double> parameters, Workspace<double> workspace) => _store = parameters;

        public void Initialize(SeededRandom random) => LayerTestKit.FillGaussian(_store!.Value(_a).Span, random, 0.5, 1.0);

        public void Forward(ReadOnlyTensorView<double> x, TensorView<double> y, bool training)
        {
            ReadOnlySpan<double> a = _store!.Value(_a).Span;
            for (int i = 0; i < x.Length; i++)
            {
                y.Span[i] = a[i % length] * x.Span[i];
            }
        }

        public void Backward(ReadOnlyTensorView<double> x, ReadOnlyTensorView<double> y, ReadOnlyTensorView<double> dy, TensorView<double> dx)
        {
            ReadOnlySpan<double> a = _store!.Value(_a).Span;
            Span<double> da = _store.Gradient(_a).Span;
            for (int i = 0; i < x.Length; i++)
            {
                da[i % length] += breakInputGradient ? dy.Span[i] * x.Span[i] : dy.Span[i];
                dx.Span[i] = breakInputGradient ? dy.Span[i] : dy.Span[i] * a[i % length];
            }
        }
    }
}
