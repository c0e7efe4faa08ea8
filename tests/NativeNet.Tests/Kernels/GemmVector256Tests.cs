using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The Vector256 GEMM pieces (run them with DOTNET_EnableAVX512=0, where the driver selects them): the 6-row A
/// packs, checked directly against plain loops, and end-to-end products whose shapes end in a few ragged columns
/// (n mod 16 in 1..4, n = 10, 50, 100), span several 24-row groups and k-blocks, with every transpose, bias and
/// ReLU, plus the 13-vector GEMV blocks. The end-to-end cases hold on every path.
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
