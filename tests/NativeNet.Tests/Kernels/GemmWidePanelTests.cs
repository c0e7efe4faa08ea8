using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The wide Vector512 panels (8 x 48, and the float 8 x (48 + 2) kernel for a last panel of 49-50 columns):
/// ragged m, n and k around their widths and the 256-deep k-blocks, every transpose, the bias/ReLU epilogue, and
/// the bit-level promise that a C element does not depend on which panel computed it.
/// </summary>
public class GemmWidePanelTests
{
    private static readonly MatrixTranspose[] _transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    public static TheoryData<int> Columns() => [36, 37, 40, 47, 48, 49, 50, 51, 52, 53, 97, 98, 100, 784];

    [Theory]
    [MemberData(nameof(Columns))]
    public void Ragged_shapes_around_the_wide_panels_match_reference(int n)
    {
        foreach (int m in (int[])[2, 7, 8, 9, 17, 100])
        {
            foreach (int k in (int[])[1, 9, 255, 257])
            {
                if (n > 100 && k > 9)
                {
                    continue;
                }

                foreach (MatrixTranspose ta in _transposes)
                {
                    foreach (MatrixTranspose tb in _transposes)
                    {
                        int seed = m + (31 * n) + (977 * k);
                        GemmTests.Check<float>(ta, tb, m, n, k, padA: 1, padB: 2, padC: 3, seed: seed);
                        GemmTests.Check<double>(ta, tb, m, n, k, padA: 1, padB: 2, padC: 3, seed: seed);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(100, 50, 784)]
    [InlineData(784, 50, 100)]
    [InlineData(100, 50, 10)]
    public void Mlp_784_50_shapes_match_reference(int m, int n, int k)
    {
        foreach (MatrixTranspose ta in _transposes)
        {
            foreach (MatrixTranspose tb in _transposes)
            {
                GemmTests.Check<float>(ta, tb, m, n, k, seed: 3);
                GemmTests.Check<double>(ta, tb, m, n, k, seed: 4);
            }
        }
    }

    [Theory]
    [InlineData(1.0, 1.0, false)]
    [InlineData(-0.5, 0.5, false)]
    [InlineData(0.75, 0.0, true)]
    public void Alpha_and_beta_on_the_wide_panels_match_reference(double alpha, double beta, bool nanC)
    {
        foreach (int n in (int[])[40, 49, 50])
        {
            foreach (MatrixTranspose ta in _transposes)
            {
                foreach (MatrixTranspose tb in _transposes)
                {
                    GemmTests.Check<float>(ta, tb, 13, n, 300, alpha, beta, padC: 1, seed: n, nanC: nanC);
                    GemmTests.Check<double>(ta, tb, 13, n, 300, alpha, beta, padC: 1, seed: n, nanC: nanC);
                }
            }
        }
    }

    [Theory]
    [InlineData(9, 49, 300)]
    [InlineData(100, 50, 784)]
    [InlineData(17, 40, 257)]
    [InlineData(8, 48, 1)]
    public void Bias_and_relu_on_the_wide_panels_match_reference(int m, int n, int k)
    {
        CheckBias<float>(m, n, k);
        CheckBias<double>(m, n, k);
    }

    [Theory]
    [InlineData(100, 50, 784)]
    [InlineData(17, 49, 300)]
    [InlineData(9, 40, 257)]
    [InlineData(33, 784, 20)]
    public void Each_element_has_the_same_bits_whichever_panel_computes_it(int m, int n, int k)
    {
        BitsDoNotDependOnPanel<float>(m, n, k);
        BitsDoNotDependOnPanel<double>(m, n, k);
    }

    /// <summary>
    /// C computed in one call (wide panels) equals, bit for bit, C computed one column at a time and in
    /// 16-column slices (edge, narrow and full panels): every element is one FMA chain over k in any kernel.
    /// </summary>
    private static void BitsDoNotDependOnPanel<T>(int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(m + n + k);
        T[] a = GemmReference.Random<T>(random, m * k);
        T[] b = GemmReference.Random<T>(random, k * n);
        var whole = new T[m * n];
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, m, n, k, T.One, a, k, b, n, T.Zero, whole, n);
        foreach (int slice in (int[])[1, 16, 32])
        {
            var pieces = new T[m * n];
            for (int j = 0; j < n; j += slice)
            {
                int width = Math.Min(slice, n - j);
                Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, m, width, k, T.One, a, k, b.AsSpan(j), n, T.Zero, pieces.AsSpan(j), n);
            }

            for (int i = 0; i < whole.Length; i++)
            {
                Assert.True(
                    whole[i].Equals(pieces[i]),
                    $"{typeof(T).Name} m={m} n={n} k={k} slices of {slice}: element ({i / n}, {i % n}) is {whole[i]} in one call, {pieces[i]} in slices");
            }
        }
    }

    private static void CheckBias<T>(int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (GemmActivation activation in (GemmActivation[])[GemmActivation.None, GemmActivation.Relu])
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
            if (relu)
            {
                Assert.All(c, x => Assert.True(x >= T.Zero));
            }
        }
    }
}
