using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class ScaleAddScaledMaskTests
{
    private const double Alpha = -0.3;

    [Fact]
    public void Scale_matches_reference_float() =>
        UnaryKernelCases.MatchesReference<float>((x, d) => ElementwiseKernels.Scale(x, (float)Alpha, d), v => (float)((float)Alpha * v), -3, 3, 0, 51);

    [Fact]
    public void Scale_matches_reference_double() =>
        UnaryKernelCases.MatchesReference<double>((x, d) => ElementwiseKernels.Scale(x, Alpha, d), v => Alpha * v, -3, 3, 0, 52);

    [Fact]
    public void AddScaled_matches_reference_float() =>
        UnaryKernelCases.MatchesReference<float>((x, y, d) => ElementwiseKernels.AddScaled(x, y, (float)Alpha, d), (x, y) => x + ((float)Alpha * y), -3, 3, 1.2e-7, 53);

    [Fact]
    public void AddScaled_matches_reference_double() =>
        UnaryKernelCases.MatchesReference<double>((x, y, d) => ElementwiseKernels.AddScaled(x, y, Alpha, d), (x, y) => Math.FusedMultiplyAdd(Alpha, y, x), -3, 3, 0, 54);

    [Fact]
    public void MultiplyMask_matches_reference_float() =>
        UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.MultiplyMask, (x, m) => (float)(x * m), -3, 3, 0, 55);

    [Fact]
    public void MultiplyMask_matches_reference_double() =>
        UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.MultiplyMask, (x, m) => x * m, -3, 3, 0, 56);

    [Fact]
    public void Helpers_reject_bad_arguments()
    {
        UnaryKernelCases.RejectsBadArguments((x, d) => ElementwiseKernels.Scale(x, 2f, d));
        UnaryKernelCases.RejectsBadArguments((x, y, d) => ElementwiseKernels.AddScaled(x, y, 2f, d));
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.MultiplyMask);
    }
}
