using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The Vector256 GEMM pieces (run them with DOTNET_EnableAVX512=0, where the driver selects them): the 6-row A
/// packs, the 6 x 4 edge kernel and its twice-expanded B packs, checked directly against plain loops, and
/// end-to-end products whose shapes end in an edge panel (n mod 16 in 1..4, n = 10, 50, 100), span several
/// 24-row edge groups and k-blocks, with every transpose, bias and ReLU, plus the 13-vector GEMV blocks.
/// The end-to-end cases hold on every path.
/// </summary>
public unsafe class GemmVector256Tests
{
    private static readonly MatrixTranspose[] _transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    public static TheoryData<int, int> PackShapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int rows in (int[])[1, 2, 3, 4, 5, 6])
        {
            foreach (int kc in (int[])[1, 3, 4, 7, 8, 9, 16, 17, 31, 256])
            {
                data.Add(rows, kc);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PackShapes))]
    public void Six_row_transposed_pack_matches_loop(int rows, int kc)
    {
        CheckSixRowPack<float>(rows, kc, transposed: true);
        CheckSixRowPack<double>(rows, kc, transposed: true);
    }

    [Theory]
    [MemberData(nameof(PackShapes))]
    public void Six_row_direct_pack_matches_loop(int rows, int kc)
    {
        CheckSixRowPack<float>(rows, kc, transposed: false);
        CheckSixRowPack<double>(rows, kc, transposed: false);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 17)]
    [InlineData(4, 256)]
    public void Expanded_edge_packs_repeat_each_value_twice(int cols, int kc)
    {
        const int ld = 37;
        float[] src = GemmReference.Random<float>(new Random(cols + kc), ld * Math.Max(kc, 4));
        foreach (bool transposed in (bool[])[false, true])
        {
            float[] dst = Enumerable.Repeat(float.NaN, (kc * 8) + 8).ToArray();
            fixed (float* s = src)
            fixed (float* d = dst)
            {
                if (transposed)
                {
                    GemmEdgeKernel256.PackTransposed(s, ld, cols, kc, d);
                }
                else
                {
                    GemmEdgeKernel256.PackDirect(s, ld, cols, kc, d);
                }
            }

            for (int p = 0; p < kc; p++)
            {
                for (int j = 0; j < 4; j++)
                {
                    float expected = j >= cols ? 0f : transposed ? src[(j * ld) + p] : src[(p * ld) + j];
                    Assert.Equal(expected, dst[(p * 8) + (2 * j)]);
                    Assert.Equal(expected, dst[(p * 8) + (2 * j) + 1]);
                }
            }

            Assert.True(float.IsNaN(dst[kc * 8]), "the pack wrote past its panel");
        }
    }

    public static TheoryData<int, int, int> EdgeKernelShapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int rows in (int[])[1, 5, 6, 7, 12, 13, 18, 19, 23, 24])
        {
            foreach (int cols in (int[])[1, 2, 3, 4])
            {
                data.Add(rows, cols, rows == 24 ? 256 : 9);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeKernelShapes))]
    public void Edge_kernel_matches_loop(int rows, int cols, int kc)
    {
        if (!Vector256.IsHardwareAccelerated || !Fma.IsSupported)
        {
            return;
        }

        const int panelStride = 6 * 300;
        const int ldc = 7;
        var random = new Random((rows * 31) + cols);
        float[] a = GemmReference.Random<float>(random, 4 * panelStride);
        float[] bPlain = GemmReference.Random<float>(random, kc * 4);
        float[] bias = GemmReference.Random<float>(random, 4);
        float[] c = GemmReference.Random<float>(random, 24 * ldc);
        float[] b = new float[kc * 8];
        float[] scratch = new float[96];
        foreach (var (beta, withBias, relu) in new[] { (0f, true, true), (1f, false, false), (0.5f, true, false) })
        {
            float[] actual = (float[])c.Clone();
            var epilogue = GemmEpilogue<float>.ForBlock(1.5f, beta, true, true, relu);
            fixed (float* pa = a)
            fixed (float* pbPlain = bPlain)
            fixed (float* pb = b)
            fixed (float* pc = actual)
            fixed (float* pbias = bias)
            fixed (float* ps = scratch)
            {
                GemmEdgeKernel256.PackDirect(pbPlain, 4, cols, kc, pb);
                GemmEdgeKernel256.Run(kc, pa, panelStride, pb, pc, ldc, rows, cols, epilogue, withBias ? pbias : null, ps);
            }

            for (int r = 0; r < 24; r++)
            {
                for (int j = 0; j < ldc; j++)
                {
                    float old = c[(r * ldc) + j];
                    if (r >= rows || j >= cols)
                    {
                        Assert.Equal(old, actual[(r * ldc) + j]);
                        continue;
                    }

                    // A panel (r / 6) holds row r % 6 at a[panel * stride + p * 6 + r % 6].
                    double sum = 0;
                    for (int p = 0; p < kc; p++)
                    {
                        sum += (double)a[((r / 6) * panelStride) + (p * 6) + (r % 6)] * bPlain[(p * 4) + j];
                    }

                    double expected = (1.5 * sum) + (withBias ? bias[j] : 0) + (beta * old);
                    expected = relu ? Math.Max(expected, 0) : expected;
                    Assert.True(Math.Abs(expected - actual[(r * ldc) + j]) <= 1e-4 * (1 + Math.Abs(sum)), $"row {r} col {j}: {actual[(r * ldc) + j]} vs {expected}");
                }
            }
        }
    }

    public static TheoryData<int> EdgeRows() => [1, 2, 6, 7, 23, 24, 25, 30, 47, 48, 49, 100, 127, 128];

    [Theory]
    [MemberData(nameof(EdgeRows))]
    public void Products_ending_in_an_edge_panel_match_reference(int m)
    {
        foreach (int n in (int[])[1, 2, 3, 4, 10, 12, 20, 50, 99, 100])
        {
            foreach (int k in (int[])[1, 9, 300])
            {
                foreach (MatrixTranspose ta in _transposes)
                {
                    foreach (MatrixTranspose tb in _transposes)
                    {
                        GemmTests.Check<float>(ta, tb, m, n, k, alpha: 1, beta: 0.5, padA: 1, padB: 2, padC: 3, seed: m + (7 * n) + k);
                    }
                }

                GemmTests.Check<double>(MatrixTranspose.None, MatrixTranspose.Transpose, m, n, k, seed: m + n + k);
            }
        }
    }

    [Theory]
    [InlineData(100, 100, 784)]
    [InlineData(128, 10, 100)]
    [InlineData(49, 50, 600)]
    [InlineData(25, 4, 257)]
    public void Bias_and_relu_epilogue_on_edge_panels_match_reference(int m, int n, int k)
    {
        CheckBias<float>(m, n, k, GemmActivation.Relu);
        CheckBias<float>(m, n, k, GemmActivation.None);
        CheckBias<double>(m, n, k, GemmActivation.Relu);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(96)]
    [InlineData(97)]
    [InlineData(100)]
    [InlineData(104)]
    [InlineData(105)]
    [InlineData(111)]
    [InlineData(112)]
    [InlineData(209)]
    [InlineData(300)]
    public void Row_vector_products_in_wide_blocks_match_reference(int n)
    {
        foreach (int k in (int[])[1, 3, 784])
        {
            CheckBias<float>(1, n, k, GemmActivation.Relu);
            CheckBias<double>(1, n, k, GemmActivation.None);
            GemmTests.Check<float>(MatrixTranspose.None, MatrixTranspose.None, 1, n, k, alpha: 0.5, beta: 1, padB: 3, seed: n + k);
            GemmTests.Check<double>(MatrixTranspose.Transpose, MatrixTranspose.None, 1, n, k, beta: 0.25, padA: 1, seed: n + k);
        }
    }

    private static void CheckSixRowPack<T>(int rows, int kc, bool transposed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ld = (transposed ? kc : 6) + 3;
        int sourceRows = transposed ? rows : kc;
        int sourceCols = transposed ? kc : rows;
        var random = new Random((rows * 1000) + kc);
        T[] src = new T[((sourceRows - 1) * ld) + sourceCols];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = i % ld < sourceCols ? T.CreateTruncating(random.NextDouble() + 1) : T.NaN;
        }

        T[] dst = Enumerable.Repeat(T.NaN, (kc * 6) + 8).ToArray();
        fixed (T* s = src)
        fixed (T* d = dst)
        {
            if (transposed)
            {
                GemmPacking.Transposed(s, ld, rows, kc, d, 6);
            }
            else
            {
                GemmPacking.Direct(s, ld, rows, kc, d, 6);
            }
        }

        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < 6; r++)
            {
                T expected = r >= rows ? T.Zero : transposed ? src[(r * ld) + p] : src[(p * ld) + r];
                Assert.True(expected == dst[(p * 6) + r], $"{typeof(T).Name} rows={rows} kc={kc} p={p} r={r}: {dst[(p * 6) + r]} vs {expected}");
            }
        }

        Assert.True(T.IsNaN(dst[kc * 6]), "the pack wrote past its panel");
    }

    private static void CheckBias<T>(int m, int n, int k, GemmActivation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random((m * 7) + n + k);
        T[] a = GemmReference.Random<T>(random, m * k);
        T[] b = GemmReference.Random<T>(random, k * n);
        T[] bias = GemmReference.Random<T>(random, n);
        T[] c = GemmReference.StridedC<T>(random, m, n, n, fillNaN: true);
        bool relu = activation == GemmActivation.Relu;
        var (expected, scale) = GemmReference.Compute(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1, a, k, b, n, 0, c, n, bias, relu);
        Gemm.MultiplyAddBias<T>(m, n, k, a, b, bias, c, activation);
        GemmReference.AssertClose(expected, scale, c, m, n, n, $"{typeof(T).Name} bias {activation} m={m} n={n} k={k}");
    }
}
