using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class ReluTests
{
    [Fact]
    public void Relu_matches_reference_float() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Relu, v => Math.Max(v, 0), -3, 3, 0, 11));

    [Fact]
    public void Relu_matches_reference_double() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Relu, v => Math.Max(v, 0), -3, 3, 0, 12));

    [Fact]
    public void ReluBackward_matches_reference_float() =>
        KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.ReluBackward, (x, dy) => x > 0 ? dy : 0, -3, 3, 0, 13));

    [Fact]
    public void ReluBackward_matches_reference_double() =>
        KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.ReluBackward, (x, dy) => x > 0 ? dy : 0, -3, 3, 0, 14));

    [Fact]
    public void Relu_backward_is_zero_at_zero_in_the_scalar_loop_and_writes_nothing_past_the_span()
    {
        // Three floats are shorter than any vector, so only the scalar loops run; found by mutation testing: the other
        // tests have their zeros in a vector. The spans end inside larger arrays, so a loop running one element too far
        // would overwrite the sentinel.
        float[] x = [0f, -0f, 2f, 5f];
        float[] dy = [1f, 1f, 3f, 1f];
        float[] dx = [9f, 9f, 9f, -7f];
        ElementwiseKernels.ReluBackward<float>(x.AsSpan(0, 3), dy.AsSpan(0, 3), dx.AsSpan(0, 3));
        Assert.Equal([0f, 0f, 3f, -7f], dx);

        float[] y = [9f, 9f, 9f, -7f];
        ElementwiseKernels.Relu<float>(x.AsSpan(0, 3), y.AsSpan(0, 3));
        Assert.Equal([0f, 0f, 2f, -7f], y);
    }

    [Fact]
    public void Relu_keeps_nan_and_backward_blocks_it() =>
        KernelPathCases.OnEveryPath(() =>
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
        });

    [Fact]
    public void Relu_rejects_bad_arguments()
    {
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.Relu);
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.ReluBackward);
    }
}
