using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class SumOfSquaresTests
{
    [Fact]
    public void SumOfSquares_matches_reference_float() => KernelPathCases.OnEveryPath(() => MatchesReference<float>(1.2e-7));

    [Fact]
    public void SumOfSquares_matches_reference_double() => KernelPathCases.OnEveryPath(() => MatchesReference<double>(1e-14));

    [Fact]
    public void SumOfSquares_float_does_not_lose_small_terms() =>
        KernelPathCases.OnEveryPath(() =>
        {
            // 2^24 + many ones: a float accumulator would stall at 2^24; the double accumulator does not.
            var x = new float[4097];
            Array.Fill(x, 1f);
            x[0] = 4096f;
            Assert.Equal((4096.0 * 4096.0) + 4096.0, ElementwiseKernels.SumOfSquares<float>(x));
        });

    private static void MatchesReference<T>(double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= KernelAssert.MaxLength; n++)
        {
            // A NaN right after the span: a loop that reads one element too many makes the sum NaN.
            T[] buffer = KernelAssert.Random<T>(60 + n, n + 1, -3, 3);
            buffer[n] = T.NaN;
            ReadOnlySpan<T> x = buffer.AsSpan(0, n);
            double expected = 0;
            foreach (double v in KernelAssert.ToDouble<T>(x))
            {
                expected += v * v;
            }

            double actual = double.CreateTruncating(ElementwiseKernels.SumOfSquares<T>(x));
            Assert.True(Math.Abs(actual - expected) <= relative * expected, $"{typeof(T).Name} n={n}: {actual} vs {expected}");
        }
    }
}
