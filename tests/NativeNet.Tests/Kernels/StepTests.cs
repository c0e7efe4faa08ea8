using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class StepTests
{
    [Fact]
    public void Step_matches_reference_float() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Step, v => v > 0 ? 1 : 0, -3, 3, 0, 21));

    [Fact]
    public void Step_matches_reference_double() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Step, v => v > 0 ? 1 : 0, -3, 3, 0, 22));

    [Fact]
    public void Step_is_zero_at_zero_and_for_nan() =>
        KernelPathCases.OnEveryPath(() =>
        {
            float[] x = [0f, -0f, float.NaN, float.Epsilon, .. new float[20]];
            var y = new float[x.Length];
            ElementwiseKernels.Step<float>(x, y);
            Assert.Equal([0f, 0f, 0f, 1f], y[..4]);
        });

    [Fact]
    public void Step_is_zero_at_zero_in_the_scalar_loop_and_writes_nothing_past_the_span()
    {
        // Three floats are shorter than any vector, so only the scalar loop runs; found by mutation testing: the test
        // above has its zeros in a vector. The spans end inside larger arrays, so a loop running one element too far
        // would overwrite the sentinel.
        float[] x = [0f, -0f, 2f, 5f];
        float[] y = [9f, 9f, 9f, -7f];
        ElementwiseKernels.Step<float>(x.AsSpan(0, 3), y.AsSpan(0, 3));
        Assert.Equal([0f, 0f, 1f, -7f], y);
    }

    [Fact]
    public void Step_rejects_bad_arguments() => UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.Step);
}
