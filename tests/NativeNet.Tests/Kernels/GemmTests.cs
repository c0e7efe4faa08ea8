using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// GEMM against a double-accumulating triple loop: every transpose combination, shapes that cross every
/// micro-kernel edge (MR 4/6/8, NR 4/8/16/32 and their narrow panels), several k-blocks and row blocks,
/// padded strides, alpha/beta variants and the fused bias/ReLU epilogue. Operand padding and the memory past
/// each operand hold NaN, so reading anything outside the matrices shows up as a NaN in C.
/// </summary>
public class GemmTests
{
    private static readonly MatrixTranspose[] _transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    /// <summary>A strided product with the signature of <see cref="Gemm.Multiply{T}(MatrixTranspose, MatrixTranspose, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T, Span{T}, int)"/>.</summary>
    internal delegate void Product<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc);

    /// <summary>Runs one strided product (<see cref="Gemm.Multiply{T}(MatrixTranspose, MatrixTranspose, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T, Span{T}, int)"/> unless <paramref name="product"/> is given) and compares it with the reference.</summary>
    internal static void Check<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, double alpha = 1, double beta = 0,
        int padA = 0, int padB = 0, int padC = 0, int seed = 1, bool nanC = false, Product<T>? product = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        int aRows = transA == MatrixTranspose.None ? m : k, aCols = transA == MatrixTranspose.None ? k : m;
        int bRows = transB == MatrixTranspose.None ? k : n, bCols = transB == MatrixTranspose.None ? n : k;
        int lda = aCols + padA, ldb = bCols + padB, ldc = n + padC;
        T[] a = Operand<T>(random, aRows, aCols, lda);
        T[] b = Operand<T>(random, bRows, bCols, ldb);
        T[] c = GemmReference.StridedC<T>(random, m, n, ldc, nanC);
        var (expected, scale) = GemmReference.Compute(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        int aLength = (int)GemmValidation.RequiredLength(aRows, aCols, lda);
        int bLength = (int)GemmValidation.RequiredLength(bRows, bCols, ldb);
        (product ?? Gemm.Multiply)(
            transA, transB, m, n, k, T.CreateTruncating(alpha), a.AsSpan(0, aLength), lda, b.AsSpan(0, bLength), ldb,
            T.CreateTruncating(beta), c.AsSpan(), ldc);
        GemmReference.AssertClose(expected, scale, c, m, n, ldc, $"{typeof(T).Name} {transA}/{transB} m={m} n={n} k={k} alpha={alpha} beta={beta} pads={padA},{padB},{padC}");
    }

    /// <summary>A rows x cols matrix with row stride ld, NaN in the padding and in 64 elements past its end.</summary>
    private static T[] Operand<T>(Random random, int rows, int cols, int ld)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = (int)GemmValidation.RequiredLength(rows, cols, ld);
        var x = new T[length + 64];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i < length && i % ld < cols ? T.CreateTruncating((random.NextDouble() * 2) - 1) : T.NaN;
        }

        return x;
    }

    private static void CheckAllTransposes<T>(int m, int n, int k, double alpha = 1, double beta = 0, int pad = 0, bool nanC = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (MatrixTranspose ta in _transposes)
        {
            foreach (MatrixTranspose tb in _transposes)
            {
                Check<T>(ta, tb, m, n, k, alpha, beta, pad, pad + 1, pad + 2, seed: m + (31 * n) + (977 * k), nanC: nanC);
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 70, 9)]
    [InlineData(1, 100, 784)]
    [InlineData(1, 5, 3)]
    [InlineData(1, 1, 300)]
    [InlineData(70, 1, 9)]
    [InlineData(5, 1, 1)]
    [InlineData(7, 13, 5)]
    [InlineData(2, 4100, 3)]
    [InlineData(400, 37, 20)]
    [InlineData(33, 65, 600)]
    public void Odd_shapes_match_reference(int m, int n, int k)
    {
        CheckAllTransposes<float>(m, n, k);
        CheckAllTransposes<double>(m, n, k);
    }

    [Theory]
    [InlineData(128, 784, 100, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(128, 100, 100, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(784, 100, 128, MatrixTranspose.Transpose, MatrixTranspose.None)]
    [InlineData(128, 784, 100, MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(100, 10, 128, MatrixTranspose.Transpose, MatrixTranspose.None)]
    public void Mlp_shapes_match_reference(int m, int n, int k, MatrixTranspose transA, MatrixTranspose transB)
    {
        Check<float>(transA, transB, m, n, k, seed: 7);
        Check<double>(transA, transB, m, n, k, seed: 8);
    }

    public static TheoryData<int> GridRows() => [.. Enumerable.Range(1, 17)];

    [Theory]
    [MemberData(nameof(GridRows))]
    public void Every_micro_kernel_edge_matches_reference(int m)
    {
        int[] columns = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 20, 21, 23, 24, 25, 31, 32, 33, 36, 37, 40, 47, 48, 49, 50, 52, 53, 63, 64, 65, 68, 70];
        int[] depths = [1, 2, 3, 7, 8, 9, 16, 17, 40];
        foreach (int n in columns)
        {
            foreach (int k in depths)
            {
                CheckAllTransposes<float>(m, n, k);
            }
        }

        foreach (int n in (int[])[1, 3, 4, 5, 8, 9, 16, 17, 31, 33, 70])
        {
            foreach (int k in (int[])[1, 4, 5, 9, 40])
            {
                CheckAllTransposes<double>(m, n, k);
            }
        }
    }

    [Theory]
    [InlineData(1, 37, 11)]
    [InlineData(9, 33, 17)]
    [InlineData(17, 70, 40)]
    [InlineData(130, 41, 300)]
    public void Padded_strides_match_reference(int m, int n, int k)
    {
        CheckAllTransposes<float>(m, n, k, pad: 3);
        CheckAllTransposes<double>(m, n, k, pad: 5);
    }

    [Theory]
    [InlineData(1.0, 0.0, true)]
    [InlineData(1.0, 1.0, false)]
    [InlineData(1.0, 0.5, false)]
    [InlineData(-0.5, 0.5, false)]
    [InlineData(2.0, -1.0, false)]
    [InlineData(0.75, 0.0, true)]
    public void Alpha_and_beta_variants_match_reference(double alpha, double beta, bool nanC)
    {
        foreach ((int m, int n, int k) in (ReadOnlySpan<(int, int, int)>)[(1, 70, 33), (7, 13, 5), (17, 70, 40), (41, 50, 600), (400, 9, 3)])
        {
            CheckAllTransposes<float>(m, n, k, alpha, beta, pad: 1, nanC: nanC);
            CheckAllTransposes<double>(m, n, k, alpha, beta, pad: 1, nanC: nanC);
        }
    }

    [Fact]
    public void Alpha_zero_only_scales_C()
    {
        float[] a = [float.NaN, 1, 2, 3];
        float[] b = [1, 2, 3, float.NaN];
        float[] c = [1, 2, 3, 4];
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 0f, a, b, 0.5f, c);
        Assert.Equal([0.5f, 1, 1.5f, 2], c);
    }

    [Fact]
    public void K_zero_scales_C_by_beta()
    {
        double[] c = [1, 2, 3, 4, 5, 6];
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.Transpose, 2, 3, 0, 1.0, [], [], 2.0, c);
        Assert.Equal([2.0, 4, 6, 8, 10, 12], c);

        float[] d = [float.NaN, 1, 2, float.NaN];
        Gemm.Multiply(MatrixTranspose.Transpose, MatrixTranspose.None, 2, 2, 0, 1f, [], [], 0f, d);
        Assert.Equal([0f, 0, 0, 0], d);
    }

    [Fact]
    public void Empty_output_is_a_no_op()
    {
        float[] c = [7, 7];
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 0, 2, 3, 1f, [], [1, 2, 3, 4, 5, 6], 0f, []);
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 0, 3, 1f, [1, 2, 3, 4, 5, 6], [], 0f, []);
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 0, 0, 0, 1f, ReadOnlySpan<float>.Empty, 0, [], 0, 0f, c, 0);
        Assert.Equal([7f, 7], c);
    }

    [Theory]
    [InlineData(1, 100, 784)]
    [InlineData(1, 7, 3)]
    [InlineData(5, 37, 3)]
    [InlineData(17, 70, 40)]
    [InlineData(19, 50, 9)]
    [InlineData(128, 100, 784)]
    [InlineData(3, 5, 0)]
    public void MultiplyAddBias_matches_reference(int m, int n, int k)
    {
        CheckBias<float>(m, n, k, GemmActivation.None);
        CheckBias<float>(m, n, k, GemmActivation.Relu);
        CheckBias<double>(m, n, k, GemmActivation.None);
        CheckBias<double>(m, n, k, GemmActivation.Relu);
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
        if (relu)
        {
            Assert.All(c, x => Assert.True(x >= T.Zero));
        }
    }
}
