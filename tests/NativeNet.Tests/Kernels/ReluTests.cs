using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class ReluTests
{
    [Fact]
    public void Relu_matches_reference_float() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Relu, v => Math.Max(v, 0), -3, 3, 0, 11);

    [Fact]
    public void Relu_matches_reference_double() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Relu, v => Math.Max(v, 0), -3, 3, 0, 12);

    [Fact]
    public void ReluBackward_matches_reference_float() =>
        UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.ReluBackward, (x, dy) => x > 0 ? dy : 0, -3, 3, 0, 13);

    [Fact]
    public void ReluBackward_matches_reference_double() =>
        UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.ReluBackward, (x, dy) => x > 0 ? dy : 0, -3, 3, 0, 14);

    [Fact]
    public void Relu_keeps_nan_and_backward_blocks_it()
    {
        float[] x = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, .. new float[30]];
        var y = new float[x.Length];
        ElementwiseKernels.Relu<float>(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(0f, y[1]);
        Assert.Equal(float.PositiveInfinity, y[3]);
        Assert.Equal(0f, y[4]);

        var dy = Enumerable.Repeat(1f, x.Length).ToArray();
        var dx = new float[x.Length];
        ElementwiseKernels.ReluBackward<float>(x, dy, dx);
        Assert.Equal([0f, 0f, 0f, 1f, 0f], dx[..5]);
    }

    [Fact]
    public void Relu_rejects_bad_arguments()
    {
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.Relu);
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.ReluBackward);
    }
}
