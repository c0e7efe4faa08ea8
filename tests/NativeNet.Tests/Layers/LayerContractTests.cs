using System.Numerics;
using NativeNet.Layers;
using NativeNet.Tensors;

namespace NativeNet.Tests.Layers;

/// <summary>The conventions every layer keeps: dy is read-only, parameter gradients add, no allocation, clear shape errors.</summary>
[Collection(nameof(RunsFirst))]
public class LayerContractTests
{
    private static readonly LayerCase _case = new(Rows: 5, Width: 7, OutputWidth: 4, Seed: 42);

    public static TheoryData<LayerKind> AllKinds => new(Enum.GetValues<LayerKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Backward_never_writes_into_dy(LayerKind kind)
    {
        var run = new Run<double>(kind, _case);
        run.Forward();
        double[] before = (double[])run.Dy.Clone();
        run.Backward();
        Assert.Equal(before, run.Dy);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Parameter_gradients_accumulate_over_backward_calls(LayerKind kind)
    {
        var run = new Run<double>(kind, _case);
        run.Forward();
        run.Host.Parameters.ZeroGradients();
        run.Backward();
        double[] once = run.Host.Parameters.Gradients.ToArray();
        double[] dxOnce = (double[])run.Dx.Clone();
        run.Backward();
        double[] twice = run.Host.Parameters.Gradients.ToArray();

        // Equal up to rounding: a second pass adds its terms one by one onto the first total.
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(2 * once[i], twice[i], 1e-12 * (1 + Math.Abs(once[i])));
        }

        Assert.Equal(dxOnce, run.Dx); // dx is written, not accumulated
        if (run.Host.Layer.ParameterLength > 0)
        {
            Assert.Contains(once, g => g != 0);
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void An_empty_dx_skips_the_input_gradient_but_not_the_parameter_gradients(LayerKind kind)
    {
        var full = new Run<double>(kind, _case);
        full.Forward();
        full.Host.Parameters.ZeroGradients();
        full.Backward();

        var skipped = new Run<double>(kind, _case);
        skipped.Forward();
        skipped.Host.Parameters.ZeroGradients();
        skipped.Host.Layer.Backward(skipped.XView, skipped.YView, skipped.DyView, default);

        Assert.Equal(full.Host.Parameters.Gradients.ToArray(), skipped.Host.Parameters.Gradients.ToArray());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Forward_and_backward_allocate_nothing_after_warm_up(LayerKind kind)
    {
        AssertNoAllocation(new Run<float>(kind, _case));
        AssertNoAllocation(new Run<double>(kind, _case));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Mismatched_shapes_throw_shape_mismatch(LayerKind kind)
    {
        var run = new Run<double>(kind, _case);
        ILayer<double> layer = run.Host.Layer;
        int n = _case.Rows;
        int d = layer.InputLength;
        int m = layer.OutputLength;
        bool training = LayerTestKit.Training(kind);

        Assert.Throws<ShapeMismatchException>(() => layer.Forward(new ReadOnlyTensorView<double>(new double[n * (d + 1)], new Shape(n, d + 1)), new TensorView<double>(new double[n * m], new Shape(n, m)), training));
        Assert.Throws<ShapeMismatchException>(() => layer.Forward(new ReadOnlyTensorView<double>(new double[n * d], new Shape(n, d)), new TensorView<double>(new double[(n - 1) * m], new Shape(n - 1, m)), training));
        run.Forward();
        var badDy = new double[n * (m + 1)];
        Assert.Throws<ShapeMismatchException>(() => layer.Backward(run.XView, run.YView, new ReadOnlyTensorView<double>(badDy, new Shape(n, m + 1)), run.DxView));
        var badDx = new double[(n + 1) * d];
        Assert.Throws<ShapeMismatchException>(() => layer.Backward(run.XView, run.YView, run.DyView, new TensorView<double>(badDx, new Shape(n + 1, d))));
    }

    [Theory]
    [InlineData(LayerKind.BatchNormTraining)]
    [InlineData(LayerKind.BatchNormInference)]
    [InlineData(LayerKind.DropoutReference)]
    [InlineData(LayerKind.DropoutInverted)]
    public void A_batch_larger_than_the_planned_capacity_throws_shape_mismatch(LayerKind kind)
    {
        LayerHost<double> host = LayerTestKit.Host<double>(kind, _case, capacity: _case.Rows - 1);
        var x = new double[_case.Rows * _case.Width];
        var y = new double[_case.Rows * _case.Width];
        var ex = Assert.Throws<ShapeMismatchException>(() => host.Layer.Forward(LayerTestKit.View(x, _case.Rows, _case.Width), LayerTestKit.Writable(y, _case.Rows, _case.Width), training: true));
        Assert.Contains("capacity", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertNoAllocation<T>(Run<T> run)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        run.Forward();
        run.Backward();
        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                run.Forward();
                run.Backward();
            }
        });

        Assert.Equal(0, allocated);
    }

    /// <summary>One hosted layer with its input, output and gradient buffers.</summary>
    private sealed class Run<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool _training;

        public Run(LayerKind kind, LayerCase c)
        {
            Host = LayerTestKit.Host<T>(kind, c);
            _training = LayerTestKit.Training(kind);
            X = LayerTestKit.Input<T>(kind, c, kinkMargin: 1e-3);
            Y = new T[c.Rows * Host.Layer.OutputLength];
            Dy = LayerTestKit.Gaussian<T>(Y.Length, (ulong)c.Seed + 3);
            Dx = new T[X.Length];
            XShape = new Shape(c.Rows, Host.Layer.InputLength);
            YShape = new Shape(c.Rows, Host.Layer.OutputLength);
        }

        public LayerHost<T> Host { get; }

        public T[] X { get; }

        public T[] Y { get; }

        public T[] Dy { get; }

        public T[] Dx { get; }

        public Shape XShape { get; }

        public Shape YShape { get; }

        public ReadOnlyTensorView<T> XView => new(X, XShape);

        public ReadOnlyTensorView<T> YView => new(Y, YShape);

        public ReadOnlyTensorView<T> DyView => new(Dy, YShape);

        public TensorView<T> DxView => new(Dx, XShape);

        public void Forward() => Host.Layer.Forward(XView, new TensorView<T>(Y, YShape), _training);

        public void Backward() => Host.Layer.Backward(XView, YView, DyView, DxView);
    }
}
