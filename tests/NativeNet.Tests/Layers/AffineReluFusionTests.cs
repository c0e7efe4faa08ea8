using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Layers;

/// <summary>
/// The fused Affine + ReLU forward (one GEMM with a ReLU epilogue) must give exactly the bits of the two layers
/// run one after the other, and a network using it must reproduce the unfused layer-by-layer forward pass.
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
}
