using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class TanhTests
{
    [Fact]
    public void Tanh_matches_reference_float() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Tanh, Math.Tanh, -6, 6, 3e-7, 41));

    [Fact]
    public void Tanh_matches_reference_double() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Tanh, Math.Tanh, -6, 6, 2e-15, 42));

    [Fact]
    public void Tanh_keeps_relative_accuracy_near_zero_float() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Tanh, Math.Tanh, -0.7, 0.7, 3e-7, 43));

    [Fact]
    public void Tanh_keeps_relative_accuracy_near_zero_double() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Tanh, Math.Tanh, -0.7, 0.7, 2e-15, 44));

    [Fact]
    public void TanhBackward_matches_reference_float() =>
        KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.TanhBackward, (y, dy) => dy * (1 - (y * y)), -1, 1, 2.5e-7, 45));

    [Fact]
    public void TanhBackward_matches_reference_double() =>
        KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.TanhBackward, (y, dy) => dy * Math.FusedMultiplyAdd(-y, y, 1), -1, 1, 1e-15, 46));

    [Fact]
    public void Tanh_saturates_without_nan() =>
        KernelPathCases.OnEveryPath(() =>
        {
            float[] special = [1000f, -1000f, float.PositiveInfinity, float.NegativeInfinity, 20f, -20f, float.NaN, 1e-30f];
            var x = Enumerable.Range(0, 64).Select(i => special[i % special.Length]).ToArray();
            var y = new float[x.Length];
            ElementwiseKernels.Tanh<float>(x, y);
            for (int i = 0; i < x.Length; i++)
            {
                if (float.IsNaN(x[i]))
                {
                    Assert.True(float.IsNaN(y[i]));
                }
                else
                {
                    Assert.Equal(Math.Tanh(x[i]), y[i], Math.Abs(Math.Tanh(x[i])) * 3e-7);
                }
            }
        });

    [Fact]
    public void Tanh_rejects_bad_arguments()
    {
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.Tanh);
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.TanhBackward);
    }
}
