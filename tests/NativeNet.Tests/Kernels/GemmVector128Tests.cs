using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The 128-bit GEMM path (ARM64 AdvSimd, x64 without AVX2): the driver selects it where 128-bit vectors are the
/// widest accelerated ones (run the suite with DOTNET_EnableAVX2=0), and its pieces — the portable transposing
/// packs and the GEMV blocks — match plain loops on every machine, because the tests call them directly (the
/// 6 x 8 kernel inside the blocked driver is checked with every other kernel in <see cref="GemmMicroKernelTests"/>).
/// </summary>
public unsafe class GemmVector128Tests
{
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
}
