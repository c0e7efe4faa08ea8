using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class ArgMaxRowsTests
{
    [Fact]
    public void ArgMaxRows_matches_reference_float() => MatchesReference<float>();

    [Fact]
    public void ArgMaxRows_matches_reference_double() => MatchesReference<double>();

    [Fact]
    public void ArgMaxRows_prefers_the_first_max_and_reports_nan()
    {
        const int cols = 20;
        var x = new float[3 * cols];
        x[3] = 5f;
        x[17] = 5f;                                   // tie: first wins → 3
        x[cols + 2] = 1f;
        x[cols + 9] = float.NaN;                      // NaN counts as the max → 9
        x[cols + 15] = float.NaN;
        x[cols + 12] = float.PositiveInfinity;
        x.AsSpan(2 * cols).Fill(-7f);                  // all equal → 0
        var destination = new int[3];
        ElementwiseKernels.ArgMaxRows<float>(x, 3, cols, destination);
        Assert.Equal([3, 9, 0], destination);
    }

    [Fact]
    public void ArgMaxRows_reports_minus_one_for_empty_rows()
    {
        var destination = new int[4];
        ElementwiseKernels.ArgMaxRows<float>([], 4, 0, destination);
        Assert.All(destination, i => Assert.Equal(-1, i));
    }

    [Fact]
    public void ArgMaxRows_rejects_bad_arguments()
    {
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ArgMaxRows<float>(new float[12], 3, 4, new int[4]));
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.ArgMaxRows<float>(new float[12], 4, 4, new int[4]));
    }

    private static void MatchesReference<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach ((int rows, int cols) in MatrixShapes.All())
        {
            T[] x = KernelAssert.Random<T>(rows * 100 + cols, rows * cols, -3, 3);
            var random = new Random(cols);
            for (int k = 0; k < x.Length / 7; k++)
            {
                x[random.Next(x.Length)] = T.CreateTruncating(3);   // plant ties at the maximum
            }

            var destination = new int[rows];
            ElementwiseKernels.ArgMaxRows<T>(x, rows, cols, destination);
            for (int i = 0; i < rows; i++)
            {
                int best = cols == 0 ? -1 : 0;
                for (int j = 1; j < cols; j++)
                {
                    if (x[(i * cols) + j] > x[(i * cols) + best])
                    {
                        best = j;
                    }
                }

                Assert.True(best == destination[i], $"{typeof(T).Name} {rows}x{cols} row {i}: {destination[i]} vs {best}");
            }
        }
    }
}
