using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;

namespace NativeNet.Tests.Layers;

public class BatchNormalizationLayerTests
{
    [Fact]
    public void Defaults_are_the_reference_values_and_parameters_start_at_one_and_zero()
    {
        Assert.Equal(0.9, BatchNormalizationLayer<float>.DefaultMomentum);
        Assert.Equal(1e-6, BatchNormalizationLayer<float>.DefaultEpsilon);
        var host = new LayerHost<double>(new BatchNormalizationLayer<double>(3, "gamma1", "beta1", "runningMean1", "runningVar1"), 4);
        var bn = (BatchNormalizationLayer<double>)host.Layer;
        Assert.Equal(0.9, bn.Momentum);
        Assert.Equal(1e-6, bn.Epsilon);
        Assert.Equal([1.0, 1, 1], bn.Gamma.Span.ToArray());
        Assert.Equal([0.0, 0, 0], bn.Beta.Span.ToArray());
        Assert.Equal([0.0, 0, 0], bn.RunningMean.Span.ToArray());
        Assert.Equal([0.0, 0, 0], bn.RunningVariance.Span.ToArray());
        Assert.Equal(6, bn.ParameterLength);
        Assert.Equal(6, bn.StateLength);
        Assert.Equal(["gamma1", "beta1"], host.Parameters.Layout.Parameters.Select(p => p.Name));
        Assert.Equal(["runningMean1", "runningVar1"], host.Parameters.Layout.States.Select(p => p.Name));
    }

    [Fact]
    public void Training_forward_normalises_each_feature_with_batch_statistics()
    {
        double[] x = [1, 10, 2, 20, 3, 30, 6, 40]; // (4, 2)
        var host = new LayerHost<double>(new BatchNormalizationLayer<double>(2, epsilon: 1e-3), 4);
        var bn = (BatchNormalizationLayer<double>)host.Layer;
        bn.Gamma.Span[1] = 2;
        bn.Beta.Span[1] = -1;
        var y = new double[8];
        bn.Forward(LayerTestKit.View(x, 4, 2), LayerTestKit.Writable(y, 4, 2), training: true);

        for (int j = 0; j < 2; j++)
        {
            double mean = (x[j] + x[2 + j] + x[4 + j] + x[6 + j]) / 4;
            double variance = 0;
            for (int i = 0; i < 4; i++)
            {
                variance += (x[(2 * i) + j] - mean) * (x[(2 * i) + j] - mean) / 4;
            }

            for (int i = 0; i < 4; i++)
            {
                double expected = (bn.Gamma.Span[j] * (x[(2 * i) + j] - mean) / Math.Sqrt(variance + 1e-3)) + bn.Beta.Span[j];
                Assert.Equal(expected, y[(2 * i) + j], 1e-12);
            }
        }
    }

    [Fact]
    public void Running_statistics_follow_the_momentum_formula_and_drive_inference()
    {
        const double momentum = 0.7;
        var host = new LayerHost<double>(new BatchNormalizationLayer<double>(3, momentum: momentum), 5);
        var bn = (BatchNormalizationLayer<double>)host.Layer;
        var expectedMean = new double[3];
        var expectedVariance = new double[3];
        var y = new double[15];
        for (int step = 0; step < 4; step++)
        {
            double[] x = LayerTestKit.Gaussian<double>(15, (ulong)(100 + step), 2);
            bn.Forward(LayerTestKit.View(x, 5, 3), LayerTestKit.Writable(y, 5, 3), training: true);
            for (int j = 0; j < 3; j++)
            {
                double mean = 0;
                for (int i = 0; i < 5; i++)
                {
                    mean += x[(3 * i) + j] / 5;
                }

                double variance = 0;
                for (int i = 0; i < 5; i++)
                {
                    variance += (x[(3 * i) + j] - mean) * (x[(3 * i) + j] - mean) / 5;
                }

                expectedMean[j] = (momentum * expectedMean[j]) + ((1 - momentum) * mean);
                expectedVariance[j] = (momentum * expectedVariance[j]) + ((1 - momentum) * variance);
            }
        }

        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(expectedMean[j], bn.RunningMean.Span[j], 1e-12);
            Assert.Equal(expectedVariance[j], bn.RunningVariance.Span[j], 1e-12);
        }

        // Inference normalises with the running statistics and leaves them alone.
        double[] probe = [1, 2, 3];
        var output = new double[3];
        bn.Forward(LayerTestKit.View(probe, 1, 3), LayerTestKit.Writable(output, 1, 3), training: false);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal((probe[j] - expectedMean[j]) / Math.Sqrt(expectedVariance[j] + BatchNormalizationLayer<double>.DefaultEpsilon), output[j], 1e-12);
            Assert.Equal(expectedMean[j], bn.RunningMean.Span[j], 1e-12);
        }
    }

    [Fact]
    public void A_training_batch_of_one_gives_beta_and_a_zero_input_gradient()
    {
        var host = new LayerHost<double>(new BatchNormalizationLayer<double>(2), 1);
        var bn = (BatchNormalizationLayer<double>)host.Layer;
        bn.Beta.Span[0] = 0.5;
        double[] x = [3, -7];
        var y = new double[2];
        bn.Forward(LayerTestKit.View(x, 1, 2), LayerTestKit.Writable(y, 1, 2), training: true);
        Assert.Equal([0.5, 0.0], y);

        var dx = new double[2];
        bn.Backward(LayerTestKit.View(x, 1, 2), LayerTestKit.View(y, 1, 2), LayerTestKit.View(new[] { 1.0, 2.0 }, 1, 2), LayerTestKit.Writable(dx, 1, 2));
        Assert.Equal([0.0, 0.0], dx);
    }

    [Theory]
    [InlineData(-0.1, 1e-6)]
    [InlineData(1.1, 1e-6)]
    [InlineData(double.NaN, 1e-6)]
    [InlineData(0.9, 0.0)]
    [InlineData(0.9, -1e-6)]
    [InlineData(0.9, double.PositiveInfinity)]
    [InlineData(0.9, double.NaN)]
    public void Invalid_momentum_or_epsilon_is_rejected(double momentum, double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalizationLayer<float>(4, momentum: momentum, epsilon: epsilon));

    [Fact]
    public void Momentum_and_epsilon_are_configurable()
    {
        var bn = new BatchNormalizationLayer<float>(4, momentum: 0.5, epsilon: 1e-3);
        Assert.Equal(0.5, bn.Momentum);
        Assert.Equal(1e-3, bn.Epsilon);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalizationLayer<float>(0));
    }

    [Fact]
    public void Momentum_zero_and_one_are_accepted_and_keep_the_batch_or_the_old_statistics()
    {
        double[] x = [1, 10, 3, 20, 5, 60];
        var y = new double[6];
        var fresh = new LayerHost<double>(new BatchNormalizationLayer<double>(2, momentum: 0), 3);
        var replace = (BatchNormalizationLayer<double>)fresh.Layer;
        Assert.Equal(0.0, replace.Momentum);
        replace.Forward(LayerTestKit.View(x, 3, 2), LayerTestKit.Writable(y, 3, 2), training: true);
        Assert.Equal(3.0, replace.RunningMean.Span[0], 1e-12);
        Assert.Equal(30.0, replace.RunningMean.Span[1], 1e-12);

        var frozen = new LayerHost<double>(new BatchNormalizationLayer<double>(2, momentum: 1), 3);
        var keep = (BatchNormalizationLayer<double>)frozen.Layer;
        Assert.Equal(1.0, keep.Momentum);
        keep.Forward(LayerTestKit.View(x, 3, 2), LayerTestKit.Writable(y, 3, 2), training: true);
        Assert.Equal([0.0, 0.0], keep.RunningMean.Span.ToArray());
        Assert.Equal([0.0, 0.0], keep.RunningVariance.Span.ToArray());
    }

    [Fact]
    public void The_name_and_the_workspace_buffers_carry_the_gamma_name()
    {
        var bn = new BatchNormalizationLayer<float>(3, "g1");
        Assert.Equal("BatchNorm(g1)", bn.Name);

        var plan = new WorkspacePlan();
        bn.Plan(new ParameterLayout(), plan);
        Assert.Equal(["BatchNorm(g1).xn", "BatchNorm(g1).statistics"], plan.Buffers.Select(b => b.Name));
        Assert.Equal([3, 12], plan.Buffers.Select(b => b.Length));
    }

    [Fact]
    public void Initialize_overwrites_old_values_of_every_parameter_and_statistic()
    {
        var host = new LayerHost<double>(new BatchNormalizationLayer<double>(3), 2);
        var bn = (BatchNormalizationLayer<double>)host.Layer;
        bn.Gamma.Span.Fill(7);
        bn.Beta.Span.Fill(7);
        bn.RunningMean.Span.Fill(7);
        bn.RunningVariance.Span.Fill(7);

        bn.Initialize(new SeededRandom(1));

        Assert.Equal([1.0, 1, 1], bn.Gamma.Span.ToArray());
        Assert.Equal([0.0, 0, 0], bn.Beta.Span.ToArray());
        Assert.Equal([0.0, 0, 0], bn.RunningMean.Span.ToArray());
        Assert.Equal([0.0, 0, 0], bn.RunningVariance.Span.ToArray());
    }
}
