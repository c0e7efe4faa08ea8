using NativeNet.Layers;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Tests.Layers;

/// <summary>
/// What the gradient and contract tests do not reach in <see cref="AffineLayer{T}"/> and the fused
/// <see cref="AffineReluLayer{T}"/>: sizes, names, argument checks and the shape checks of the fused forward.
/// </summary>
public class AffineLayerTests
{
    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(3, 4, 16)]
    [InlineData(784, 100, 78_500)]
    public void ParameterLength_counts_the_weights_and_the_bias(int inputs, int outputs, int expected)
    {
        var affine = new AffineLayer<double>(inputs, outputs, 0.1);
        Assert.Equal(expected, affine.ParameterLength);
        var fused = new AffineReluLayer<double>(affine, new ReluLayer<double>(outputs));
        Assert.Equal(expected, fused.ParameterLength);
    }

    [Fact]
    public void The_name_carries_the_weight_name()
    {
        Assert.Equal("Affine(W2)", new AffineLayer<float>(3, 2, 0.1, "W2", "b2").Name);
        Assert.Equal("Affine(W)", new AffineLayer<float>(3, 2, 0.1).Name);
    }

    [Theory]
    [InlineData(0, 2, 0.1)]
    [InlineData(-1, 2, 0.1)]
    [InlineData(3, 0, 0.1)]
    [InlineData(3, -1, 0.1)]
    [InlineData(3, 2, -0.1)]
    [InlineData(3, 2, double.NaN)]
    [InlineData(3, 2, double.PositiveInfinity)]
    public void Invalid_sizes_and_weight_deviations_are_rejected(int inputs, int outputs, double weightStd) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AffineLayer<float>(inputs, outputs, weightStd));

    [Fact]
    public void A_zero_weight_deviation_is_allowed_and_gives_zero_weights()
    {
        var host = new LayerHost<double>(new AffineLayer<double>(3, 2, 0), 1, seed: 5);
        Assert.All(((AffineLayer<double>)host.Layer).Weights.Span.ToArray(), w => Assert.Equal(0.0, w));
    }

    [Fact]
    public void Weights_before_binding_are_an_invalid_operation()
    {
        var affine = new AffineLayer<float>(3, 2, 0.1);
        Assert.Throws<InvalidOperationException>(() => affine.Weights.Length);
        Assert.Throws<InvalidOperationException>(() => affine.Bias.Length);
    }

    [Fact]
    public void ForwardRelu_checks_the_shapes()
    {
        var affine = new AffineLayer<double>(3, 2, 0.1);
        _ = new LayerHost<double>(affine, 4, seed: 1);
        var x = new double[12];
        var y = new double[8];
        Assert.Throws<ShapeMismatchException>(() => affine.ForwardRelu(new ReadOnlyTensorView<double>(x, new Shape(3, 4)), new TensorView<double>(y, new Shape(3, 2))));
        Assert.Throws<ShapeMismatchException>(() => affine.ForwardRelu(new ReadOnlyTensorView<double>(x, new Shape(4, 3)), new TensorView<double>(y, new Shape(2, 2))));
        Assert.Throws<ShapeMismatchException>(() => affine.ForwardRelu(new ReadOnlyTensorView<double>(x, new Shape(4, 3)), new TensorView<double>(new double[12], new Shape(4, 3))));

        // The right number of elements in the wrong shape: the GEMM's own length checks would let this through.
        Assert.Throws<ShapeMismatchException>(() => affine.ForwardRelu(new ReadOnlyTensorView<double>(x, new Shape(4, 3)), new TensorView<double>(y, new Shape(2, 4))));
    }

    [Fact]
    public void A_relu_of_another_width_cannot_be_fused()
    {
        var affine = new AffineLayer<float>(3, 4, 0.1);
        Assert.Throws<ShapeMismatchException>(() => new AffineReluLayer<float>(affine, new ReluLayer<float>(5)));
    }

    [Fact]
    public void The_fused_layer_names_both_layers_and_its_workspace_buffer()
    {
        var fused = new AffineReluLayer<float>(new AffineLayer<float>(3, 4, 0.1, "W1", "b1"), new ReluLayer<float>(4));
        Assert.Equal("Affine(W1)+Relu", fused.Name);
        LayerTestKit.AssertSingleBuffer(fused, "Affine(W1)+Relu gradient before the ReLU", 4);
    }

    [Fact]
    public void Initialize_sets_the_biases_back_to_zero()
    {
        var affine = new AffineLayer<double>(3, 2, 0.1);
        _ = new LayerHost<double>(affine, 1, seed: 1);
        affine.Bias.Span.Fill(5.0);
        affine.Initialize(new SeededRandom(2));
        Assert.All(affine.Bias.Span.ToArray(), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void Forward_and_backward_name_the_layer_when_x_has_the_right_length_but_the_wrong_shape()
    {
        var affine = new AffineLayer<double>(3, 2, 0.1);
        _ = new LayerHost<double>(affine, 4, seed: 1);
        double[] x = new double[12], y = new double[8], dy = new double[8];

        // Twelve values as (3, 4) instead of (4, 3): the GEMM's length checks alone would run it with 3 rows.
        var forward = Assert.Throws<ShapeMismatchException>(() =>
            affine.Forward(LayerTestKit.View(x, 3, 4), LayerTestKit.Writable(y, 4, 2), training: true));
        Assert.StartsWith("Affine(W): input x must have 3 features per sample", forward.Message);

        // Without dx (the first layer's backward), nothing but the check of x sees it.
        var backward = Assert.Throws<ShapeMismatchException>(() =>
            affine.Backward(LayerTestKit.View(x, 3, 4), LayerTestKit.View(y, 4, 2), LayerTestKit.View(dy, 4, 2), default));
        Assert.StartsWith("Affine(W): input x must have 3 features per sample", backward.Message);
    }

    [Fact]
    public void A_host_needs_a_layer() =>
        Assert.Equal("layer", Assert.Throws<ArgumentNullException>(() => new LayerHost<double>(null!, 1)).ParamName);
}
