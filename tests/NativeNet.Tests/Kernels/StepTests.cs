using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class StepTests
{
    [Fact]
    public void Step_matches_reference_float() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Step, v => v > 0 ? 1 : 0, -3, 3, 0, 21);

    [Fact]
    public void Step_matches_reference_double() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Step, v => v > 0 ? 1 : 0, -3, 3, 0, 22);

    [Fact]
    public void Step_is_zero_at_zero_and_for_nan()
    {
        float[] x = [0f, -0f, float.NaN, float.Epsilon, .. new float[20]];
        var y = new float[x.Length];
        ElementwiseKernels.Step<float>(x, y);
        Assert.Equal([0f, 0f, 0f, 1f], y[..4]);
    }

    [Fact]
    public void Step_rejects_bad_arguments() => UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.Step);
}
