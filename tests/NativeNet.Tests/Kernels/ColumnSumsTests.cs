using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class ColumnSumsTests
{
    [Fact]
    public void ColumnSums_matches_reference_float() => KernelPathCases.OnEveryPath(() => MatchesReference<float>(add: false));

    [Fact]
    public void ColumnSums_matches_reference_double() => KernelPathCases.OnEveryPath(() => MatchesReference<double>(add: false));

    [Fact]
    public void ColumnSumsAdd_matches_reference_float() => KernelPathCases.OnEveryPath(() => MatchesReference<float>(add: true));

    [Fact]
    public void ColumnSumsAdd_matches_reference_double() => KernelPathCases.OnEveryPath(() => MatchesReference<double>(add: true));

    [Fact]
    public void ColumnSums_rejects_bad_arguments()
    {
        var buffer = new float[60];
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ColumnSums<float>(new float[12], 4, 4, new float[4]));
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ColumnSums<float>(new float[12], 3, 4, new float[3]));
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ColumnSumsAdd<float>(new float[12], 3, 4, new float[5]));
        Assert.Throws<ArgumentException>(() => ElementwiseKernels.ColumnSums<float>(buffer.AsSpan(0, 12), 3, 4, buffer.AsSpan(10, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementwiseKernels.ColumnSums<float>(new float[12], -3, -4, new float[4]));
    }

    [Fact]
    public void A_negative_dimension_is_refused_even_when_the_product_matches()
    {
        // -3 x -4 above is also 12, so either sign check alone caught it; found by mutation testing: removing one of
        // the two checks passed. Here the other dimension is 0, so the product matches the empty spans.
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementwiseKernels.ColumnSums<float>([], -1, 0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementwiseKernels.ColumnSums<float>([], 0, -1, []));
    }

    private static void MatchesReference<T>(bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double epsilon = typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);
        foreach ((int rows, int cols) in MatrixShapes.All())
        {
            T[] x = KernelAssert.Random<T>(rows * 100 + cols, rows * cols, -3, 3);
            T[] initial = KernelAssert.Random<T>(cols + 5, cols, -1, 1);
            var expected = new double[cols];
            var bound = new double[cols];
            for (int j = 0; j < cols; j++)
            {
                double sum = add ? double.CreateTruncating(initial[j]) : 0;
                double sumAbs = Math.Abs(sum);
                for (int i = 0; i < rows; i++)
                {
                    double v = double.CreateTruncating(x[(i * cols) + j]);
                    sum += v;
                    sumAbs += Math.Abs(v);
                }

                expected[j] = sum;
                bound[j] = (rows + 1) * epsilon * sumAbs;
            }

            // One more element than the columns: the kernel must not write past its destination.
            T[] buffer = KernelAssert.Random<T>(99, cols + 1, -9, 9);
            T sentinel = buffer[cols];
            if (add)
            {
                initial.CopyTo(buffer, 0);
            }

            Span<T> destination = buffer.AsSpan(0, cols);
            if (add)
            {
                ElementwiseKernels.ColumnSumsAdd<T>(x, rows, cols, destination);
            }
            else
            {
                ElementwiseKernels.ColumnSums<T>(x, rows, cols, destination);
            }

            Assert.Equal(sentinel, buffer[cols]);

            for (int j = 0; j < cols; j++)
            {
                double error = Math.Abs(double.CreateTruncating(destination[j]) - expected[j]);
                Assert.True(error <= bound[j], $"{typeof(T).Name} {rows}x{cols} add={add} column {j}: error {error:E2} > {bound[j]:E2}");
            }
        }
    }
}
