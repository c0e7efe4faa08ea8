using NativeNet.Gradients;
using NativeNet.Layers;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Tests.Layers;

/// <summary>The examples of docs/layers.md, verbatim between the markers, so the documentation compiles and runs.</summary>
public class DocumentationExampleTests
{
    [Fact]
    public void Affine_example()
    {
        // example: Affine
        var host = new LayerHost<float>(new AffineLayer<float>(inputLength: 3, outputLength: 2, weightStd: 0.01, "W1", "b1"), batchCapacity: 4);
        var affine = (AffineLayer<float>)host.Layer;
        float[] x = [1, 2, 3, 4, 5, 6]; // (2, 3)
        var y = new float[2 * 2]; // (2, 2)
        affine.Forward(new ReadOnlyTensorView<float>(x, new Shape(2, 3)), new TensorView<float>(y, new Shape(2, 2)), training: true);

        float[] dy = [1, 0, 0, 1];
        var dx = new float[2 * 3];
        host.Parameters.ZeroGradients();
        affine.Backward(new ReadOnlyTensorView<float>(x, new Shape(2, 3)), new ReadOnlyTensorView<float>(y, new Shape(2, 2)), new ReadOnlyTensorView<float>(dy, new Shape(2, 2)), new TensorView<float>(dx, new Shape(2, 3)));
        ReadOnlySpan<float> dW = host.Parameters.Gradient("W1").Span; // Xᵀ·dY: column 0 is x row 0, column 1 is x row 1
        // end example
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], dW.ToArray());
    }

    [Fact]
    public void Relu_example()
    {
        // example: Relu
        var host = new LayerHost<double>(new ReluLayer<double>(4), batchCapacity: 1);
        double[] x = [-1, 0, 2, 3];
        var y = new double[4];
        host.Layer.Forward(new ReadOnlyTensorView<double>(x, new Shape(1, 4)), new TensorView<double>(y, new Shape(1, 4)), training: false);
        // y = [0, 0, 2, 3]
        // end example
        Assert.Equal([0.0, 0, 2, 3], y);
    }

    [Fact]
    public void Sigmoid_example()
    {
        // example: Sigmoid
        var host = new LayerHost<double>(new SigmoidLayer<double>(2), batchCapacity: 1);
        double[] x = [0, 2];
        var y = new double[2];
        host.Layer.Forward(new ReadOnlyTensorView<double>(x, new Shape(1, 2)), new TensorView<double>(y, new Shape(1, 2)), training: false);
        double[] dy = [1, 1];
        var dx = new double[2];
        host.Layer.Backward(new ReadOnlyTensorView<double>(x, new Shape(1, 2)), new ReadOnlyTensorView<double>(y, new Shape(1, 2)), new ReadOnlyTensorView<double>(dy, new Shape(1, 2)), new TensorView<double>(dx, new Shape(1, 2)));
        // y[0] = 0.5, dx[0] = 0.25 = y (1 - y)
        // end example
        Assert.Equal(0.5, y[0]);
        Assert.Equal(0.25, dx[0]);
    }

    [Fact]
    public void Tanh_example()
    {
        // example: Tanh
        var host = new LayerHost<float>(new TanhLayer<float>(3), batchCapacity: 1);
        float[] x = [-1, 0, 1];
        var y = new float[3];
        host.Layer.Forward(new ReadOnlyTensorView<float>(x, new Shape(1, 3)), new TensorView<float>(y, new Shape(1, 3)), training: false);
        // y ≈ [-0.7616, 0, 0.7616]
        // end example
        Assert.Equal(MathF.Tanh(1), y[2], 1e-6f);
    }

    [Fact]
    public void BatchNormalization_example()
    {
        // example: BatchNormalization
        var bn = new BatchNormalizationLayer<double>(2, "gamma1", "beta1", "runningMean1", "runningVar1", momentum: 0.9, epsilon: 1e-6);
        var host = new LayerHost<double>(bn, batchCapacity: 8);
        double[] x = [1, 10, 3, 30]; // (2, 2)
        var y = new double[4];
        bn.Forward(new ReadOnlyTensorView<double>(x, new Shape(2, 2)), new TensorView<double>(y, new Shape(2, 2)), training: true);
        // y ≈ [-1, -1, 1, 1]; running mean = 0.1 · [2, 20], running variance = 0.1 · [1, 100]
        bn.Forward(new ReadOnlyTensorView<double>(x, new Shape(2, 2)), new TensorView<double>(y, new Shape(2, 2)), training: false);
        // inference: y = (x - runningMean) / sqrt(runningVar + eps)
        // end example
        Assert.Equal(0.2, bn.RunningMean.Span[0], 1e-12);
        Assert.Equal(10.0, bn.RunningVariance.Span[1], 1e-12);
        Assert.Equal((1 - 0.2) / Math.Sqrt(0.1 + 1e-6), y[0], 1e-12);
    }

    [Fact]
    public void Dropout_example()
    {
        // example: Dropout
        var dropout = new DropoutLayer<float>(100, ratio: 0.5, new SeededRandom(42), DropoutMode.Inverted);
        var host = new LayerHost<float>(dropout, batchCapacity: 32);
        float[] x = new float[100];
        Array.Fill(x, 1f);
        var y = new float[100];
        dropout.Forward(new ReadOnlyTensorView<float>(x, new Shape(1, 100)), new TensorView<float>(y, new Shape(1, 100)), training: true);
        // each y is 0 or 2 (= 1 / (1 - 0.5)); at inference y = x
        // end example
        Assert.All(y, v => Assert.True(v is 0f or 2f));
    }

    [Fact]
    public void SoftmaxWithLoss_example()
    {
        // example: SoftmaxWithLoss
        var loss = new SoftmaxWithLossLayer<double>(classCount: 3);
        var plan = new NativeNet.Memory.WorkspacePlan();
        loss.Plan(plan);
        loss.Bind(plan.Build<double>(batchCapacity: 2));

        double[] scores = [2, 1, 0.1, 0, 0, 5]; // (2, 3)
        int[] labels = [0, 2];
        double value = loss.Forward(new ReadOnlyTensorView<double>(scores, new Shape(2, 3)), LabelBatch<double>.FromIndices(labels));
        var dx = new double[6];
        loss.Backward(new ReadOnlyTensorView<double>(scores, new Shape(2, 3)), LabelBatch<double>.FromIndices(labels), new TensorView<double>(dx, new Shape(2, 3)));
        double p = loss.Probabilities[0, 0]; // ≈ 0.659; dx[0] = (p - 1) / 2
        // end example
        Assert.Equal((p - 1) / 2, dx[0], 1e-15);
        Assert.True(value > 0);
    }

    [Fact]
    public void SumOfSquaresLoss_example()
    {
        // example: SumOfSquaresLoss
        var loss = new SumOfSquaresLossLayer<double>(classCount: 10);
        var plan = new NativeNet.Memory.WorkspacePlan();
        loss.Plan(plan);
        loss.Bind(plan.Build<double>(batchCapacity: 1));

        double[] y = [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0];
        double value = loss.Forward(new ReadOnlyTensorView<double>(y, new Shape(1, 10)), LabelBatch<double>.FromIndices([2]));
        // value = 0.0975, the reference's "mean squared error"
        // end example
        Assert.Equal(0.0975, value, 1e-15);
    }

    [Fact]
    public void GradientCheck_example()
    {
        // example: GradientCheck
        var host = new LayerHost<double>(new BatchNormalizationLayer<double>(5), batchCapacity: 4);
        double[] x = new double[4 * 5];
        new SeededRandom(1).FillGaussian<double>(x, 1.0);
        GradientCheckReport report = GradientCheck.CheckLayer(
            host,
            new ReadOnlyTensorView<double>(x, new Shape(4, 5)),
            new GradientCheckOptions { Epsilon = 1e-6, AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-6 });
        Console.WriteLine(report); // one row per tensor: x, gamma, beta
        // end example
        Assert.True(report.Passed, report.ToString());
    }
}
