using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>A plain triple loop accumulating in double, plus the helpers the GEMM tests share.</summary>
internal static class GemmReference
{
    /// <summary>Value that must survive untouched in the padding of strided C.</summary>
    public const double Sentinel = 12345.0;

    public static double At<T>(T[] x, MatrixTranspose trans, int ld, int row, int col)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        double.CreateTruncating(trans == MatrixTranspose.None ? x[(row * ld) + col] : x[(col * ld) + row]);

    /// <summary>
    /// Expected C and, per element, an error scale Σ|alpha * a * b| + |beta * c| + |bias| against which a relative
    /// tolerance is measured (a sum of k rounded products can be off by about k * eps of that).
    /// </summary>
    public static (double[] Expected, double[] Scale) Compute<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, double alpha, T[] a, int lda, T[] b, int ldb,
        double beta, T[] c, int ldc, T[]? bias = null, bool relu = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expected = new double[m * n];
        var scale = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = At(a, transA, lda, i, p) * At(b, transB, ldb, p, j);
                    sum += product;
                    abs += Math.Abs(product);
                }

                double value = alpha * sum;
                abs *= Math.Abs(alpha);
                if (bias != null)
                {
                    double bj = double.CreateTruncating(bias[j]);
                    value += bj;
                    abs += Math.Abs(bj);
                }

                if (beta != 0)
                {
                    double old = beta * double.CreateTruncating(c[(i * ldc) + j]);
                    value += old;
                    abs += Math.Abs(old);
                }

                expected[(i * n) + j] = relu ? Math.Max(value, 0) : value;
                scale[(i * n) + j] = abs;
            }
        }

        return (expected, scale);
    }

    public static T[] Random<T>(Random random, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        return x;
    }

    public static double Tolerance<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? 2e-5 : 1e-13;

    /// <summary>Asserts C matches the reference within tolerance and that the stride padding was not written.</summary>
    public static void AssertClose<T>(double[] expected, double[] scale, T[] actual, int m, int n, int ldc, string context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double tolerance = Tolerance<T>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                if (j >= n)
                {
                    // The last row has no padding: C ends at its last element.
                    if (i < m - 1 && double.CreateTruncating(actual[(i * ldc) + j]) != Sentinel)
                    {
                        Assert.Fail($"{context}: padding C[{i},{j}] was overwritten.");
                    }

                    continue;
                }

                double got = double.CreateTruncating(actual[(i * ldc) + j]);

                double want = expected[(i * n) + j];
                double allowed = (tolerance * scale[(i * n) + j]) + (tolerance * 1e-3);
                if (!(Math.Abs(got - want) <= allowed))
                {
                    Assert.Fail($"{context}: C[{i},{j}] = {got}, expected {want} (allowed error {allowed}).");
                }
            }
        }
    }

    /// <summary>A strided C of m rows and row stride ldc, random inside, <see cref="Sentinel"/> in the padding.</summary>
    public static T[] StridedC<T>(Random random, int m, int n, int ldc, bool fillNaN = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new T[m == 0 ? 0 : ((m - 1) * ldc) + n];
        for (int i = 0; i < c.Length; i++)
        {
            bool inside = i % ldc < n;
            c[i] = !inside ? T.CreateTruncating(Sentinel) : fillNaN ? T.NaN : T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        return c;
    }
}
