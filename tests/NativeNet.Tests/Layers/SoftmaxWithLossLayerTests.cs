using NativeNet.Layers;
using NativeNet.Memory;

namespace NativeNet.Tests.Layers;

public class SoftmaxWithLossLayerTests
{
    [Fact]
    public void Loss_and_gradient_match_a_hand_computed_example()
    {
        // Two samples, three classes, labels 2 and 0.
        double[] x = [1, 2, 3, 1, 1, 1];
        int[] labels = [2, 0];
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3), 4);

        double value = loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices(labels));

        double s = Math.E + (Math.E * Math.E) + (Math.E * Math.E * Math.E);
        double[] y = [Math.E / s, Math.E * Math.E / s, Math.E * Math.E * Math.E / s, 1.0 / 3, 1.0 / 3, 1.0 / 3];
        double expected = -(Math.Log(y[2] + 1e-7) + Math.Log(y[3] + 1e-7)) / 2;
        Assert.Equal(expected, value, 1e-14);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(y[i], loss.Probabilities.Span[i], 1e-15);
        }

        var dx = new double[6];
        loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices(labels), LayerTestKit.Writable(dx, 2, 3));
        double[] expectedDx = [y[0] / 2, y[1] / 2, (y[2] - 1) / 2, (y[3] - 1) / 2, y[4] / 2, y[5] / 2];
        for (int i = 0; i < dx.Length; i++)
        {
            Assert.Equal(expectedDx[i], dx[i], 1e-15);
        }
    }

    [Fact]
    public void Reference_cross_entropy_values_are_reproduced_from_log_probabilities()
    {
        // Scores ln(y) give softmax y; the reference prints CEE 0.510825457099338 for y_t = 0.6 and
        // 2.3025840929945454 for y_t = 0.1 (one-hot of class 2); the zeros of its y are replaced by tiny values.
        double[] y1 = [0.1, 0.05, 0.6, 1e-300, 0.05, 0.1, 1e-300, 0.1, 1e-300, 1e-300];
        double[] y2 = [0.1, 0.05, 0.1, 1e-300, 0.05, 0.1, 1e-300, 0.6, 1e-300, 1e-300];
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(10), 1);
        int[] label = [2];

        Assert.Equal(0.510825457099338, loss.Forward(LayerTestKit.View(Array.ConvertAll(y1, Math.Log), 1, 10), LabelBatch<double>.FromIndices(label)), 1e-12);
        Assert.Equal(2.3025840929945454, loss.Forward(LayerTestKit.View(Array.ConvertAll(y2, Math.Log), 1, 10), LabelBatch<double>.FromIndices(label)), 1e-12);
    }

    [Theory]
    [InlineData(1e-7)]
    [InlineData(0.0)]
    public void Logits_of_plus_minus_1000_give_finite_loss_and_gradient(double logEpsilon)
    {
        float[] x = [1000, -1000, 0, -1000, 1000, 999];
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<float>, float>(new SoftmaxWithLossLayer<float>(3, logEpsilon), 2);
        int[] labels = [1, 0]; // both labels have probability ~0: the worst case for the log

        float value = loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<float>.FromIndices(labels));
        var dx = new float[6];
        loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<float>.FromIndices(labels), LayerTestKit.Writable(dx, 2, 3));

        Assert.True(float.IsFinite(value), $"loss {value}");
        Assert.All(dx, v => Assert.True(float.IsFinite(v)));
        Assert.All(loss.Probabilities.Span.ToArray(), p => Assert.True(float.IsFinite(p)));
        if (logEpsilon == 0)
        {
            // exact: -log p = 2000 for row 0, and 2000 + log(1 + e^-1) for row 1
            Assert.Equal((4000 + MathF.Log(1 + MathF.Exp(-1))) / 2, value, 1e-3f);
        }
        else
        {
            Assert.Equal(-MathF.Log(1e-7f), value, 1e-3f);
        }
    }

    [Fact]
    public void Index_and_one_hot_labels_agree()
    {
        double[] x = LayerTestKit.Gaussian<double>(6 * 5, 11, 3);
        int[] indices = LossGradientPropertyTests.RandomLabels(6, 5, 12);
        double[] oneHot = LossGradientPropertyTests.OneHot<double>(indices, 5);
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(5), 6);

        double byIndex = loss.Forward(LayerTestKit.View(x, 6, 5), LabelBatch<double>.FromIndices(indices));
        var dxIndex = new double[30];
        loss.Backward(LayerTestKit.View(x, 6, 5), LabelBatch<double>.FromIndices(indices), LayerTestKit.Writable(dxIndex, 6, 5));
        double byOneHot = loss.Forward(LayerTestKit.View(x, 6, 5), LabelBatch<double>.FromOneHot(LayerTestKit.View(oneHot, 6, 5)));
        var dxOneHot = new double[30];
        loss.Backward(LayerTestKit.View(x, 6, 5), LabelBatch<double>.FromOneHot(LayerTestKit.View(oneHot, 6, 5)), LayerTestKit.Writable(dxOneHot, 6, 5));

        Assert.Equal(byIndex, byOneHot, 1e-15);
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(dxIndex[i], dxOneHot[i], 1e-16);
        }
    }

    [Fact]
    public void Probabilities_rows_sum_to_one()
    {
        double[] x = LayerTestKit.Gaussian<double>(4 * 7, 3, 5);
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(7), 4);
        loss.Forward(LayerTestKit.View(x, 4, 7), LabelBatch<double>.FromIndices([0, 1, 2, 3]));
        Assert.Equal(new NativeNet.Tensors.Shape(4, 7), loss.Probabilities.Shape);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(1.0, loss.Probabilities.Row(i).ToArray().Sum(), 1e-14);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-7)]
    public void A_NaN_score_gives_a_NaN_loss_without_throwing(double logEpsilon)
    {
        double[] x = [0.5, double.NaN, 1, 2, 3, 4];
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3, logEpsilon), 2);
        double value = loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1]));
        Assert.True(double.IsNaN(value));
        Assert.All(loss.Probabilities.Row(0).ToArray(), p => Assert.True(double.IsNaN(p)));
        Assert.All(loss.Probabilities.Row(1).ToArray(), p => Assert.False(double.IsNaN(p)));
    }

    [Fact]
    public void Bad_labels_and_shapes_are_rejected()
    {
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3), 2);
        double[] x = new double[6];
        var dx = new double[6];

        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 3])));
        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([-1, 0])));
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0])));
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromOneHot(LayerTestKit.View(new double[4], 2, 2))));
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(x, 3, 2), LabelBatch<double>.FromIndices([0, 1, 1])));
        Assert.Throws<InvalidOperationException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1]), LayerTestKit.Writable(dx, 2, 3)));
        loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1]));
        Assert.Throws<ShapeMismatchException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1]), LayerTestKit.Writable(new double[3], 1, 3)));

        // A batch larger than the planned capacity.
        var big = new double[9];
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(big, 3, 3), LabelBatch<double>.FromIndices([0, 1, 2])));
    }

    [Fact]
    public void Scores_of_the_wrong_width_are_rejected_within_the_planned_capacity()
    {
        // (2, 2) scores for 3 classes: the batch fits the workspace, so only the score check can refuse it.
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3), 2);
        var good = new double[6];
        var dx = new double[6];
        loss.Forward(LayerTestKit.View(good, 2, 3), LabelBatch<double>.FromIndices([0, 1]));

        Assert.Throws<ShapeMismatchException>(() => loss.Forward(LayerTestKit.View(new double[4], 2, 2), LabelBatch<double>.FromIndices([0, 1])));
        Assert.Throws<ShapeMismatchException>(() => loss.Backward(LayerTestKit.View(new double[4], 2, 2), LabelBatch<double>.FromIndices([0, 1]), LayerTestKit.Writable(dx, 2, 3)));

        // A wrong width also fails the softmax kernel's length check, but a rank-0 view of nothing only this check refuses.
        Assert.Throws<ShapeMismatchException>(() => loss.Forward(default, LabelBatch<double>.FromIndices([])));
    }

    [Fact]
    public void Forward_refuses_a_rank_zero_view_as_scores_not_as_an_empty_batch()
    {
        // Without the score check, the empty-batch check would refuse it with another message.
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3), 2);
        var error = Assert.Throws<ShapeMismatchException>(() => loss.Forward(default, LabelBatch<double>.FromIndices([])));
        Assert.Contains("3 classes per sample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backward_checks_the_labels()
    {
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3), 2);
        var x = new double[6];
        var dx = new double[6];
        loss.Forward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1]));

        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 3]), LayerTestKit.Writable(dx, 2, 3)));
        Assert.Throws<ShapeMismatchException>(() => loss.Backward(LayerTestKit.View(x, 2, 3), LabelBatch<double>.FromIndices([0, 1, 2]), LayerTestKit.Writable(dx, 2, 3)));
    }

    [Fact]
    public void Probabilities_of_a_bound_layer_before_any_forward_are_an_invalid_operation()
    {
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<float>, float>(new SoftmaxWithLossLayer<float>(3), 2);
        var error = Assert.Throws<InvalidOperationException>(() => loss.Probabilities.Length);
        Assert.Contains("no forward", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_batch_is_refused_not_a_NaN_loss()
    {
        var loss = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(3), 2);
        var error = Assert.Throws<ShapeMismatchException>(
            () => loss.Forward(LayerTestKit.View(Array.Empty<double>(), 0, 3), LabelBatch<double>.FromIndices([])));
        Assert.Contains("the batch is empty", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => loss.Probabilities.Rows);
    }

    [Fact]
    public void Plan_names_the_probability_buffer_and_refuses_null()
    {
        var loss = new SoftmaxWithLossLayer<float>(4);
        Assert.Equal("SoftmaxWithLoss", loss.Name);
        Assert.Throws<ArgumentNullException>(() => loss.Plan(null!));

        var plan = new WorkspacePlan();
        loss.Plan(plan);
        WorkspaceBufferSpec buffer = Assert.Single(plan.Buffers);
        Assert.Equal("SoftmaxWithLoss.y", buffer.Name);
        Assert.Equal(4, buffer.Length);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxWithLossLayer<float>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxWithLossLayer<float>(3, -1e-7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxWithLossLayer<float>(3, double.NaN));
        Assert.Throws<InvalidOperationException>(() => new SoftmaxWithLossLayer<float>(3).Probabilities.Length);
    }

    [Fact]
    public void Forward_and_backward_allocate_nothing_after_warm_up()
    {
        float[] x = LayerTestKit.Gaussian<float>(8 * 10, 5);
        int[] labels = LossGradientPropertyTests.RandomLabels(8, 10, 6);
        float[] oneHot = LossGradientPropertyTests.OneHot<float>(labels, 10);
        var dx = new float[80];
        var softmax = LayerTestKit.Bind<SoftmaxWithLossLayer<float>, float>(new SoftmaxWithLossLayer<float>(10), 8);
        var exact = LayerTestKit.Bind<SoftmaxWithLossLayer<float>, float>(new SoftmaxWithLossLayer<float>(10, 0), 8);
        var squares = LayerTestKit.Bind<SumOfSquaresLossLayer<float>, float>(new SumOfSquaresLossLayer<float>(10), 8);
        ILossLayer<float>[] losses = [softmax, exact, squares];

        foreach (ILossLayer<float> loss in losses)
        {
            Step(loss, x, labels, oneHot, dx);
            long allocated = AllocationMeter.BytesAllocatedBy(() =>
            {
                for (int i = 0; i < 20; i++)
                {
                    Step(loss, x, labels, oneHot, dx);
                }
            });

            Assert.Equal(0, allocated);
        }
    }

    private static void Step(ILossLayer<float> loss, float[] x, int[] labels, float[] oneHot, float[] dx)
    {
        loss.Forward(LayerTestKit.View(x, 8, 10), LabelBatch<float>.FromIndices(labels));
        loss.Backward(LayerTestKit.View(x, 8, 10), LabelBatch<float>.FromIndices(labels), LayerTestKit.Writable(dx, 8, 10));
        loss.Forward(LayerTestKit.View(x, 8, 10), LabelBatch<float>.FromOneHot(LayerTestKit.View(oneHot, 8, 10)));
        loss.Backward(LayerTestKit.View(x, 8, 10), LabelBatch<float>.FromOneHot(LayerTestKit.View(oneHot, 8, 10)), LayerTestKit.Writable(dx, 8, 10));
    }
}
