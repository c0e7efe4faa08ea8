using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class ColumnMeanVarianceTests
{
    [Fact]
    public void ColumnMeanVariance_matches_reference_float() => KernelPathCases.OnEveryPath(() => MatchesReference<float>(1e-5));

    [Fact]
    public void ColumnMeanVariance_matches_reference_double() => KernelPathCases.OnEveryPath(() => MatchesReference<double>(1e-13));

    [Fact]
    public void ColumnMeanVariance_survives_a_large_offset() =>
        KernelPathCases.OnEveryPath(() =>
        {
            // Values 1000 ± 0.5: E[x²] − E[x]² would lose about 6 of float's 7 digits; two passes keep them.
            const int rows = 128, cols = 3;
            float[] x = KernelAssert.Random<float>(5, rows * cols, 999.5, 1000.5);
            var mean = new float[cols];
            var variance = new float[cols];
            ElementwiseKernels.ColumnMeanVariance<float>(x, rows, cols, mean, variance);
            for (int j = 0; j < cols; j++)
            {
                (double m, double v) = Reference(KernelAssert.ToDouble<float>(x), rows, cols, j);
                Assert.Equal(v, variance[j], v * 1e-3);
                Assert.Equal(m, mean[j], 1e-3); // float sum of 128 values near 1000: ulp(128 000) / 128 ≈ 6e-5 per step
            }
        });

    [Fact]
    public void ColumnMeanVariance_rejects_bad_arguments()
    {
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ColumnMeanVariance<float>(new float[12], 3, 4, new float[3], new float[4]));
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ColumnMeanVariance<float>(new float[12], 3, 4, new float[4], new float[5]));
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ColumnMeanVariance<float>(new float[12], 4, 4, new float[4], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementwiseKernels.ColumnMeanVariance<float>([], 0, 4, new float[4], new float[4]));
        var buffer = new float[8];
        Assert.Throws<ArgumentException>(() => ElementwiseKernels.ColumnMeanVariance<float>(new float[12], 3, 4, buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)));
    }

    private static (double Mean, double Variance) Reference(double[] x, int rows, int cols, int j)
    {
        double mean = 0;
        for (int i = 0; i < rows; i++)
        {
            mean += x[(i * cols) + j];
        }

        mean /= rows;
        double variance = 0;
        for (int i = 0; i < rows; i++)
        {
            double d = x[(i * cols) + j] - mean;
            variance += d * d;
        }

        return (mean, variance / rows);
    }

    private static void MatchesReference<T>(double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach ((int rows, int cols) in MatrixShapes.All())
        {
            if (rows == 0)
            {
                continue;
            }

            T[] x = KernelAssert.Random<T>(rows * 100 + cols, rows * cols, -1, 3);
            double[] xd = KernelAssert.ToDouble<T>(x);
            // Destinations full of stale values, each followed by a value that must stay.
            T[] meanBuffer = KernelAssert.Random<T>(cols + 11, cols + 1, -9, 9);
            T[] varianceBuffer = KernelAssert.Random<T>(cols + 12, cols + 1, -9, 9);
            T meanSentinel = meanBuffer[cols], varianceSentinel = varianceBuffer[cols];
            Span<T> mean = meanBuffer.AsSpan(0, cols);
            Span<T> variance = varianceBuffer.AsSpan(0, cols);
            ElementwiseKernels.ColumnMeanVariance<T>(x, rows, cols, mean, variance);
            Assert.Equal(meanSentinel, meanBuffer[cols]);
            Assert.Equal(varianceSentinel, varianceBuffer[cols]);
            for (int j = 0; j < cols; j++)
            {
                (double m, double v) = Reference(xd, rows, cols, j);
                string context = $"{typeof(T).Name} {rows}x{cols} column {j}";
                Assert.True(Math.Abs(double.CreateTruncating(mean[j]) - m) <= relative * 3, context + " mean");
                Assert.True(Math.Abs(double.CreateTruncating(variance[j]) - v) <= relative * (v + 1), context + " variance");
            }
        }
    }
}
