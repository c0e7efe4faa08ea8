using NativeNet.Layers;
using NativeNet.Memory;

namespace NativeNet.Tests.Layers;

public class SumOfSquaresLossLayerTests
{
    private static readonly double[] _y1 = [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0];
    private static readonly double[] _y2 = [0.1, 0.05, 0.1, 0, 0.05, 0.1, 0, 0.6, 0, 0];

    [Fact]
    public void Reproduces_the_reference_values()
    {
        var loss = LayerTestKit.Bind<SumOfSquaresLossLayer<double>, double>(new SumOfSquaresLossLayer<double>(10), 1);
        int[] label = [2];
        Assert.Equal(0.0975, loss.Forward(LayerTestKit.View(_y1, 1, 10), LabelBatch<double>.FromIndices(label)), 1e-15);
        Assert.Equal(0.5975, loss.Forward(LayerTestKit.View(_y2, 1, 10), LabelBatch<double>.FromIndices(label)), 1e-15);
    }

    [Fact]
    public void Sums_over_the_batch_and_backward_is_the_difference()
    {
        double[] x = [.. _y1, .. _y2];
        double[] oneHot = LossGradientPropertyTests.OneHot<double>([2, 2], 10);
        var loss = LayerTestKit.Bind<SumOfSquaresLossLayer<double>, double>(new SumOfSquaresLossLayer<double>(10), 2);

        double byIndex = loss.Forward(LayerTestKit.View(x, 2, 10), LabelBatch<double>.FromIndices([2, 2]));
        double byOneHot = loss.Forward(LayerTestKit.View(x, 2, 10), LabelBatch<double>.FromOneHot(LayerTestKit.View(oneHot, 2, 10)));
        Assert.Equal(0.0975 + 0.5975, byIndex, 1e-15);
        Assert.Equal(byIndex, byOneHot, 1e-15);

        var dxIndex = new double[20];
        var dxOneHot = new double[20];
        loss.Backward(LayerTestKit.View(x, 2, 10), LabelBatch<double>.FromIndices([2, 2]), LayerTestKit.Writable(dxIndex, 2, 10));
        loss.Backward(LayerTestKit.View(x, 2, 10), LabelBatch<double>.FromOneHot(LayerTestKit.View(oneHot, 2, 10)), LayerTestKit.Writable(dxOneHot, 2, 10));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(x[i] - oneHot[i], dxIndex[i], 1e-16);
            Assert.Equal(dxIndex[i], dxOneHot[i]);
        }
    }

    [Fact]
    public void A_NaN_score_gives_a_NaN_loss()
    {
        var loss = LayerTestKit.Bind<SumOfSquaresLossLayer<float>, float>(new SumOfSquaresLossLayer<float>(2), 1);
        Assert.True(float.IsNaN(loss.Forward(LayerTestKit.View(new[] { 1f, float.NaN }, 1, 2), LabelBatch<float>.FromIndices([0]))));
    }

    [Fact]
    public void Bad_labels_and_shapes_are_rejected()
    {
        var loss = LayerTestKit.Bind<SumOfSquaresLossLayer<double>, double>(new SumOfSquaresLossLayer<double>(3), 2);
        var x = new double[6];
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 5])));
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1, 2])));
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(x, 3, 2), LabelBatch<double>.FromIndices([0, 1, 1])));
        Assert.Throws<ShapeMismatchException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1]), LayerTestKit.Writable(new double[4], 2, 2)));
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(new double[9], 3, 3), LabelBatch<double>.FromIndices([0, 1, 2])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumOfSquaresLossLayer<double>(0));
    }

    [Fact]
    public void Scores_of_the_wrong_width_are_rejected_within_the_planned_capacity()
    {
        // (2, 2) scores for 3 outputs: the batch fits the workspace, so only the score check can refuse it.
        var loss = LayerTestKit.Bind<SumOfSquaresLossLayer<double>, double>(new SumOfSquaresLossLayer<double>(3), 2);
        var dx = new double[6];
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(new double[4], 2, 2), LabelBatch<double>.FromIndices([0, 1])));
        Assert.Throws<ShapeMismatchException>(() => loss.Backward(LayerTestKit.View(new double[4], 2, 2), LabelBatch<double>.FromIndices([0, 1]), LayerTestKit.Writable(dx, 2, 3)));
    }

    [Fact]
    public void Backward_checks_the_labels()
    {
        var loss = LayerTestKit.Bind<SumOfSquaresLossLayer<double>, double>(new SumOfSquaresLossLayer<double>(3), 2);
        var x = new double[6];
        var dx = new double[6];
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 3]), LayerTestKit.Writable(dx, 2, 3)));
        Assert.Throws<ShapeMismatchException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1, 2]), LayerTestKit.Writable(dx, 2, 3)));
    }

    [Fact]
    public void Forward_before_binding_is_an_invalid_operation()
    {
        var loss = new SumOfSquaresLossLayer<double>(3);
        Assert.Throws<InvalidOperationException>(() => loss.Forward(LayerTestKit.View(new double[3], 1, 3), LabelBatch<double>.FromIndices([0])));
    }

    [Fact]
    public void Plan_names_the_difference_buffer_and_refuses_null()
    {
        var loss = new SumOfSquaresLossLayer<float>(4);
        Assert.Equal("SumOfSquaresLoss", loss.Name);
        Assert.Throws<ArgumentNullException>(() => loss.Plan(null!));

        var plan = new WorkspacePlan();
        loss.Plan(plan);
        WorkspaceBufferSpec buffer = Assert.Single(plan.Buffers);
        Assert.Equal("SumOfSquaresLoss.difference", buffer.Name);
        Assert.Equal(4, buffer.Length);
    }
}
