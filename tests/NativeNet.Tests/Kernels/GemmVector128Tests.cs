using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The 128-bit GEMM path (ARM64 AdvSimd, x64 without AVX2): the driver selects it where 128-bit vectors are the
/// widest accelerated ones (run the suite with DOTNET_EnableAVX2=0), and its pieces — the 6 x 8 / 6 x 4 kernel
/// inside the blocked driver, the portable transposing packs and the GEMV blocks — match plain loops on every
/// machine, because the tests call them directly.
/// </summary>
public unsafe class GemmVector128Tests
{
    private static readonly MatrixTranspose[] _transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    [Fact]
    public void Driver_selects_the_widest_accelerated_kernel()
    {
        KernelPath expected =
            Vector512.IsHardwareAccelerated ? KernelPath.Vector512
            : Vector256.IsHardwareAccelerated ? KernelPath.Vector256
            : Vector128.IsHardwareAccelerated ? KernelPath.Vector128
            : KernelPath.Scalar;
        Assert.Equal(expected, KernelPaths.Gemm);
        if (expected == KernelPath.Vector128)
        {
            Assert.Equal(6, GemmDriver<float>.TileRows);
            Assert.Equal(8, GemmDriver<float>.TileColumns);
            Assert.Equal(4, GemmDriver<double>.TileColumns);
        }
    }

    [Fact]
    public void Environment_switches_select_the_path_they_name()
    {
        // The CI reruns rely on these switches; a runtime that ignored one would test the wrong path silently.
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.Equal(KernelPath.Scalar, KernelPaths.Gemm);
        }
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0")
        {
            Assert.Equal(KernelPath.Vector128, KernelPaths.Gemm);
        }
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" && Vector256.IsHardwareAccelerated)
        {
            Assert.Equal(KernelPath.Vector256, KernelPaths.Gemm);
        }
    }

    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int m in (int[])[1, 5, 6, 7, 13, 100])
        {
            foreach (int n in (int[])[1, 3, 4, 5, 8, 9, 12, 13, 17, 50, 100])
            {
                foreach (int k in (int[])[1, 7, 257])
                {
                    data.Add(m, n, k);
                }
            }
        }

        data.Add(128, 100, 784);
        data.Add(400, 10, 300);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Kernel_products_match_reference(int m, int n, int k)
    {
        foreach (MatrixTranspose ta in _transposes)
        {
            foreach (MatrixTranspose tb in _transposes)
            {
                int seed = m + (31 * n) + (977 * k);
                GemmTests.Check<float>(ta, tb, m, n, k, 1.5, 0.5, 1, 2, 3, seed, product: Vector128Product);
                GemmTests.Check<double>(ta, tb, m, n, k, -1, 1, 0, 1, 0, seed, product: Vector128Product);
            }
        }
    }

    [Theory]
    [InlineData(7, 9, 5)]
    [InlineData(100, 100, 300)]
    [InlineData(13, 4, 1)]
    public void Kernel_bias_and_relu_match_reference(int m, int n, int k)
    {
        var random = new Random(m + n + k);
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        float[] bias = GemmReference.Random<float>(random, n);
        float[] c = new float[m * n];
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pbias = bias)
        {
            var problem = new GemmProblem<float>(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1f, pa, k, pb, n, 0f, pc, n, pbias, relu: true);
            GemmDriver<float>.Run<GemmKernel128<float>>(problem);
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = bias[j];
                for (int p = 0; p < k; p++)
                {
                    sum += (double)a[(i * k) + p] * b[(p * n) + j];
                }

                Assert.Equal(Math.Max(sum, 0), c[(i * n) + j], 1e-4);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Six_row_transposing_packs_match_loop(int rows)
    {
        foreach (int kc in (int[])[1, 2, 3, 4, 5, 8, 9, 256])
        {
            CheckSixRowPack<float>(rows, kc);
            CheckSixRowPack<double>(rows, kc);
        }
    }

    [Theory]
    [InlineData(4, 4, 4)]
    [InlineData(8, 8, 8)]
    [InlineData(8, 7, 9)]
    [InlineData(12, 13, 17)]
    [InlineData(4, 1, 3)]
    public void Block_transposes_match_loop(int w, int rows, int kc)
    {
        const int ld = 41;
        var random = new Random((w * 7) + rows + kc);
        float[] srcF = GemmReference.Random<float>(random, ld * rows);
        double[] srcD = GemmReference.Random<double>(random, ld * rows);
        float[] dstF = Enumerable.Repeat(float.NaN, kc * w).ToArray();
        double[] dstD = Enumerable.Repeat(double.NaN, kc * w).ToArray();
        int coveredF, coveredD;
        fixed (float* s = srcF)
        fixed (float* d = dstF)
        {
            coveredF = GemmPackingTranspose128.Blocks(s, ld, rows, kc, d, w);
        }

        fixed (double* s = srcD)
        fixed (double* d = dstD)
        {
            coveredD = GemmPackingTranspose128.Blocks(s, ld, rows, kc, d, w);
        }

        Assert.Equal(rows / 4 * 4, coveredF);
        Assert.Equal(rows / 2 * 2, coveredD);
        for (int p = 0; p < kc; p++)
        {
            for (int j = 0; j < w; j++)
            {
                bool inF = j < coveredF && p < kc / 4 * 4;
                bool inD = j < coveredD && p < kc / 2 * 2;
                Assert.Equal(inF ? srcF[(j * ld) + p] : float.NaN, dstF[(p * w) + j]);
                Assert.Equal(inD ? srcD[(j * ld) + p] : double.NaN, dstD[(p * w) + j]);
            }
        }
    }

    public static TheoryData<int, int> RowVectorShapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int n in (int[])[1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 37, 64, 65, 100, 257])
        {
            foreach (int k in (int[])[1, 2, 3, 5, 9, 784])
            {
                data.Add(n, k);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowVectorShapes))]
    public void Row_vector_blocks_match_loop(int n, int k)
    {
        CheckRowVector<float>(n, k);
        CheckRowVector<double>(n, k);
    }

    private static void CheckRowVector<T>(int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random((n * 1009) + k);
        T[] x = GemmReference.Random<T>(random, k);
        T[] b = GemmReference.Random<T>(random, k * n);
        T[] bias = GemmReference.Random<T>(random, n);
        T[] start = GemmReference.Random<T>(random, n);
        foreach (bool transposed in (bool[])[false, true])
        {
            T[] y = (T[])start.Clone();
            var epilogue = GemmEpilogue<T>.ForBlock(T.CreateTruncating(0.75), T.CreateTruncating(0.5), true, true, relu: transposed);
            fixed (T* px = x)
            fixed (T* pb = b)
            fixed (T* py = y)
            fixed (T* pbias = bias)
            {
                if (transposed)
                {
                    GemmRowVector<T>.DotRows128(px, pb, k, n, k, py, pbias, epilogue);
                }
                else
                {
                    GemmRowVector<T>.CombineRows128(px, pb, n, n, k, py, pbias, epilogue);
                }
            }

            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double bValue = double.CreateTruncating(transposed ? b[(j * k) + p] : b[(p * n) + j]);
                    sum += double.CreateTruncating(x[p]) * bValue;
                }

                double want = (0.75 * sum) + double.CreateTruncating(bias[j]) + (0.5 * double.CreateTruncating(start[j]));
                want = transposed ? Math.Max(want, 0) : want;
                double tolerance = GemmReference.Tolerance<T>() * (k + 2);
                Assert.True(Math.Abs(double.CreateTruncating(y[j]) - want) <= tolerance, $"{typeof(T).Name} n={n} k={k} transposed={transposed} y[{j}] = {y[j]}, expected {want}");
            }
        }
    }

    private static void CheckSixRowPack<T>(int rows, int kc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int ld = 300;
        T[] src = GemmReference.Random<T>(new Random((rows * 100) + kc), ld * rows);
        T[] dst = Enumerable.Repeat(T.NaN, (kc * 6) + 6).ToArray();
        fixed (T* s = src)
        fixed (T* d = dst)
        {
            if (typeof(T) == typeof(float))
            {
                GemmPackingTranspose128.SixRows((float*)s, ld, rows, kc, (float*)d);
            }
            else
            {
                GemmPackingTranspose128.SixRows((double*)s, ld, rows, kc, (double*)d);
            }
        }

        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < 6; r++)
            {
                Assert.Equal(r < rows ? src[(r * ld) + p] : T.Zero, dst[(p * 6) + r]);
            }
        }

        Assert.True(T.IsNaN(dst[kc * 6]), "the pack wrote past its panel");
    }

    private static void Vector128Product<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            var problem = new GemmProblem<T>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, null, relu: false);
            GemmDriver<T>.Run<GemmKernel128<T>>(problem);
        }
    }
}
