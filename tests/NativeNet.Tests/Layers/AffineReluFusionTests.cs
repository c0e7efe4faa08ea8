using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Layers;

/// <summary>
/// The fused Affine + ReLU forward (one GEMM with a ReLU epilogue) must give exactly the bits of the two layers
/// run one after the other, the fused layer's backward exactly their gradients, <see cref="LayerFusion"/> must fuse
/// only an Affine directly followed by a ReLU, and a network using it must reproduce the unfused layer-by-layer
/// forward pass.
/// </summary>
public class AffineReluFusionTests
{
    [Theory]
    [InlineData(1, 784, 100)]
    [InlineData(7, 100, 100)]
    [InlineData(128, 784, 100)]
    [InlineData(33, 50, 10)]
    public void ForwardRelu_equals_forward_then_relu_bit_for_bit(int rows, int inputs, int outputs)
    {
        var affine = new AffineLayer<float>(inputs, outputs, 0.1);
        _ = new LayerHost<float>(affine, rows, seed: 3); // binds the parameters
        var random = new Random(rows + inputs);
        float[] x = [.. Enumerable.Range(0, rows * inputs).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        affine.Bias.Span.Fill(0.01f);
        var pre = new float[rows * outputs];
        var expected = new float[rows * outputs];
        var fused = new float[rows * outputs];
        var xv = new ReadOnlyTensorView<float>(x, new Shape(rows, inputs));
        affine.Forward(xv, new TensorView<float>(pre, new Shape(rows, outputs)), training: true);
        new ReluLayer<float>(outputs).Forward(new ReadOnlyTensorView<float>(pre, new Shape(rows, outputs)), new TensorView<float>(expected, new Shape(rows, outputs)), training: true);

        affine.ForwardRelu(xv, new TensorView<float>(fused, new Shape(rows, outputs)));

        Assert.Equal(expected, fused);
        Assert.Contains(fused, v => v == 0);
        Assert.Contains(fused, v => v > 0);
    }

    [Fact]
    public void Network_scores_equal_the_unfused_layer_chain()
    {
        var options = new NetworkOptions { InputSize = 20, HiddenSizes = [13, 9], OutputSize = 4, Seed = 5 };
        var network = new Network<double>(options, batchCapacity: 6);
        var random = new Random(9);
        double[] x = [.. Enumerable.Range(0, 6 * 20).Select(_ => (random.NextDouble() * 2) - 1)];
        var scores = new double[6 * 4];
        network.Predict(new ReadOnlyTensorView<double>(x, new Shape(6, 20)), new TensorView<double>(scores, new Shape(6, 4)));

        double[] current = x;
        foreach (var layer in network.Layers)
        {
            var next = new double[6 * layer.OutputLength];
            layer.Forward(new ReadOnlyTensorView<double>(current, new Shape(6, layer.InputLength)), new TensorView<double>(next, new Shape(6, layer.OutputLength)), training: false);
            current = next;
        }

        Assert.Equal(current, scores);
    }

    [Theory]
    [InlineData(1, 30, 20)]
    [InlineData(16, 12, 7)]
    [InlineData(128, 100, 100)]
    public void Fused_layer_backward_equals_affine_and_relu_backward_bit_for_bit(int rows, int inputs, int outputs)
    {
        var random = new Random(rows * inputs);
        float[] x = [.. Enumerable.Range(0, rows * inputs).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        float[] dy = [.. Enumerable.Range(0, rows * outputs).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var xv = new ReadOnlyTensorView<float>(x, new Shape(rows, inputs));
        var dyv = new ReadOnlyTensorView<float>(dy, new Shape(rows, outputs));

        // The two layers one after the other.
        var affine = new AffineLayer<float>(inputs, outputs, 0.3);
        var host = new LayerHost<float>(affine, rows, seed: 11);
        affine.Bias.Span.Fill(0.02f);
        var relu = new ReluLayer<float>(outputs);
        float[] z = new float[rows * outputs], y = new float[rows * outputs], dz = new float[rows * outputs], dx = new float[rows * inputs];
        affine.Forward(xv, new TensorView<float>(z, new Shape(rows, outputs)), training: true);
        relu.Forward(new ReadOnlyTensorView<float>(z, new Shape(rows, outputs)), new TensorView<float>(y, new Shape(rows, outputs)), training: true);
        relu.Backward(new ReadOnlyTensorView<float>(z, new Shape(rows, outputs)), new ReadOnlyTensorView<float>(y, new Shape(rows, outputs)), dyv, new TensorView<float>(dz, new Shape(rows, outputs)));
        affine.Backward(xv, new ReadOnlyTensorView<float>(z, new Shape(rows, outputs)), new ReadOnlyTensorView<float>(dz, new Shape(rows, outputs)), new TensorView<float>(dx, new Shape(rows, inputs)));

        // The fused layer over its own copies of the same parameters.
        var fusedAffine = new AffineLayer<float>(inputs, outputs, 0.3);
        var fused = new AffineReluLayer<float>(fusedAffine, new ReluLayer<float>(outputs));
        var fusedHost = new LayerHost<float>(fused, rows, seed: 11);
        fusedAffine.Bias.Span.Fill(0.02f);
        float[] fusedY = new float[rows * outputs], fusedDx = new float[rows * inputs];
        fused.Forward(xv, new TensorView<float>(fusedY, new Shape(rows, outputs)), training: true);
        fused.Backward(xv, new ReadOnlyTensorView<float>(fusedY, new Shape(rows, outputs)), dyv, new TensorView<float>(fusedDx, new Shape(rows, inputs)));

        Assert.Equal(y, fusedY);
        Assert.Equal(dx, fusedDx);
        Assert.Equal(host.Parameters.Gradients.ToArray(), fusedHost.Parameters.Gradients.ToArray());
        Assert.Contains(dz, v => v == 0);
        Assert.Contains(dz, v => v != 0);
    }

    [Fact]
    public void Fusion_takes_only_an_affine_directly_followed_by_a_relu()
    {
        ILayer<float>[] layers =
        [
            new AffineLayer<float>(8, 6, 0.1), new ReluLayer<float>(6),
            new AffineLayer<float>(6, 5, 0.1), new SigmoidLayer<float>(5),
            new AffineLayer<float>(5, 4, 0.1), new BatchNormalizationLayer<float>(4), new ReluLayer<float>(4),
            new AffineLayer<float>(4, 3, 0.1), new ReluLayer<float>(3),
        ];

        var run = LayerFusion.Fuse(layers);

        Type[] expected =
        [
            typeof(AffineReluLayer<float>), typeof(AffineLayer<float>), typeof(SigmoidLayer<float>), typeof(AffineLayer<float>),
            typeof(BatchNormalizationLayer<float>), typeof(ReluLayer<float>), typeof(AffineReluLayer<float>),
        ];
        Assert.Equal(expected, run.Select(l => l.GetType()));
        Assert.Same(layers[2], run[1]);
        Assert.Same(layers[6], run[5]);
    }
}
