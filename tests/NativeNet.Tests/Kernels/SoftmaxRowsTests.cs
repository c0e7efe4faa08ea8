using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class SoftmaxRowsTests
{
    [Fact]
    public void SoftmaxRows_matches_reference_float() => KernelPathCases.OnEveryPath(() => MatchesReference<float>(-10, 10, 1e-6));

    [Fact]
    public void SoftmaxRows_matches_reference_double() => KernelPathCases.OnEveryPath(() => MatchesReference<double>(-10, 10, 1e-14));

    [Fact]
    public void SoftmaxRows_is_finite_for_huge_logits_float() => KernelPathCases.OnEveryPath(() => MatchesReference<float>(-1000, 1000, 1e-6));

    [Fact]
    public void SoftmaxRows_is_finite_for_huge_logits_double() => KernelPathCases.OnEveryPath(() => MatchesReference<double>(-1000, 1000, 1e-14));

    [Fact]
    public void SoftmaxRows_handles_infinities_and_nan() =>
        KernelPathCases.OnEveryPath(() =>
        {
            const int cols = 20;
            float inf = float.PositiveInfinity;
            var x = new float[4 * cols];
            x.AsSpan(0, cols).Fill(-inf);                      // row 0: all −∞ → uniform
            x.AsSpan(cols, cols).Fill(-inf);                   // row 1: one finite logit among −∞ → one-hot
            x[cols + 13] = 1000f;
            x.AsSpan(2 * cols, cols).Fill(1f);                 // row 2: a NaN → all NaN
            x[(2 * cols) + 5] = float.NaN;
            x.AsSpan(3 * cols, cols).Fill(1000f);              // row 3: equal huge logits → uniform
            var y = new float[x.Length];
            ElementwiseKernels.SoftmaxRows<float>(x, y, 4, cols);

            Assert.All(y[..cols], v => Assert.Equal(1f / cols, v));
            for (int j = 0; j < cols; j++)
            {
                Assert.Equal(j == 13 ? 1f : 0f, y[cols + j]);
            }

            Assert.All(y[(2 * cols)..(3 * cols)], v => Assert.True(float.IsNaN(v)));
            Assert.All(y[(3 * cols)..], v => Assert.Equal(1f / cols, v, 1e-7f));
        });

    [Fact]
    public void SoftmaxRows_beats_the_unshifted_softmax_on_close_large_logits() =>
        KernelPathCases.OnEveryPath(() =>
        {
            float[] x = [100f, 100f, 90f];
            var y = new float[3];
            ElementwiseKernels.SoftmaxRows<float>(x, y, 1, 3);
            double e = Math.Exp(-10);
            Assert.Equal(1 / (2 + e), y[0], 1e-7);
            Assert.Equal(e / (2 + e), y[2], 1e-11);
        });

    [Fact]
    public void SoftmaxRows_rejects_bad_arguments()
    {
        var buffer = new float[60];
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.SoftmaxRows<float>(new float[12], new float[12], 4, 4));
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.SoftmaxRows<float>(new float[12], new float[13], 3, 4));
        Assert.Throws<ArgumentException>(() => ElementwiseKernels.SoftmaxRows<float>(buffer.AsSpan(0, 12), buffer.AsSpan(1, 12), 3, 4));
    }

    private static void MatchesReference<T>(double min, double max, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach ((int rows, int cols) in MatrixShapes.All())
        {
            T[] x = KernelAssert.Random<T>(rows * 100 + cols, rows * cols, min, max);
            double[] xd = KernelAssert.ToDouble<T>(x);
            var expected = new double[x.Length];
            for (int i = 0; i < rows; i++)
            {
                Span<double> row = xd.AsSpan(i * cols, cols);
                double m = double.NegativeInfinity;
                foreach (double v in row)
                {
                    m = Math.Max(m, v);
                }

                double sum = 0;
                foreach (double v in row)
                {
                    sum += Math.Exp(v - m);
                }

                for (int j = 0; j < cols; j++)
                {
                    expected[(i * cols) + j] = Math.Exp(row[j] - m) / sum;
                }
            }

            // exp(x − m) inherits the rounding of x − m in T: relative error |x − m|·ε, i.e. absolute p·|ln p|·ε ≤ ε/e.
            double absolute = KernelAssert.Tolerance<T>(3e-8, 1e-16);
            var destination = new T[x.Length];
            ElementwiseKernels.SoftmaxRows<T>(x, destination, rows, cols);
            KernelAssert.Close<T>(expected, destination, relative, absolute, $"{typeof(T).Name} {rows}x{cols}");
            for (int i = 0; i < rows && cols > 0; i++)
            {
                double rowSum = 0;
                foreach (T v in destination.AsSpan(i * cols, cols))
                {
                    rowSum += double.CreateTruncating(v);
                }

                Assert.Equal(1.0, rowSum, cols * relative * 2);
            }

            ElementwiseKernels.SoftmaxRows<T>(x, x, rows, cols);
            KernelAssert.Close<T>(expected, x, relative, absolute, $"{typeof(T).Name} in-place {rows}x{cols}");
        }
    }
}
