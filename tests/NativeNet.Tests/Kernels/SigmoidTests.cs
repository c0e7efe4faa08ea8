using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class SigmoidTests
{
    private static double Reference(double v) => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));

    [Fact]
    public void Sigmoid_matches_reference_float() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Sigmoid, Reference, -30, 30, 2.5e-7, 31));

    [Fact]
    public void Sigmoid_matches_reference_double() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.Sigmoid, Reference, -30, 30, 1e-15, 32));

    [Fact]
    public void Sigmoid_is_accurate_near_zero_float() => KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.Sigmoid, Reference, -1, 1, 2.5e-7, 33));

    [Fact]
    public void SigmoidBackward_matches_reference_float() =>
        KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<float>(ElementwiseKernels.SigmoidBackward, (y, dy) => dy * y * (1 - y), 0, 1, 2.5e-7, 34));

    [Fact]
    public void SigmoidBackward_matches_reference_double() =>
        KernelPathCases.OnEveryPath(() => UnaryKernelCases.MatchesReference<double>(ElementwiseKernels.SigmoidBackward, (y, dy) => dy * Math.FusedMultiplyAdd(-y, y, y), 0, 1, 1e-15, 35));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Sigmoid_saturates_without_nan_float(int copies) => Saturates<float>(copies);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Sigmoid_saturates_without_nan_double(int copies) => Saturates<double>(copies);

    private static void Saturates<T>(int copies)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] special = [T.CreateTruncating(1000), T.CreateTruncating(-1000), T.PositiveInfinity, T.NegativeInfinity, T.CreateTruncating(88.5), T.CreateTruncating(-88.5), T.NaN];
        var x = new T[special.Length * copies];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = special[i % special.Length];
        }

        var y = new T[x.Length];
        ElementwiseKernels.Sigmoid<T>(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            double r = double.CreateTruncating(y[i]);
            if (double.IsNaN(v))
            {
                Assert.True(double.IsNaN(r));
                continue;
            }

            Assert.InRange(r, 0, 1);
            if (Math.Abs(v) >= 1000)
            {
                Assert.Equal(v > 0 ? 1 : 0, r);
            }
            else
            {
                Assert.Equal(Reference(v), r, Reference(v) * 1e-6);
            }
        }
    }

    [Fact]
    public void Sigmoid_rejects_bad_arguments()
    {
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.Sigmoid);
        UnaryKernelCases.RejectsBadArguments(ElementwiseKernels.SigmoidBackward);
    }
}
