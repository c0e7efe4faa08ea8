using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The driver's loop orders on the shapes that select them: tall, narrow products with k deeper than one k-block
/// finish each row block over all of k (all of op(B) packed once); every order must give the reference product
/// with bias, ReLU and beta, on one thread.
/// </summary>
[Collection("GemmThreading")]
public class GemmDriverTests
{
    [Theory]
    [InlineData(1000, 100, 784, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(777, 37, 600, MatrixTranspose.Transpose, MatrixTranspose.None)]
    [InlineData(801, 131, 513, MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(450, 4, 300, MatrixTranspose.Transpose, MatrixTranspose.Transpose)]
    [InlineData(1000, 50, 784, MatrixTranspose.None, MatrixTranspose.None)] // 48 + 2 wide-pair panel
    [InlineData(900, 49, 520, MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(850, 45, 400, MatrixTranspose.Transpose, MatrixTranspose.None)] // 48-wide panel
    [InlineData(800, 84, 300, MatrixTranspose.None, MatrixTranspose.None)] // 32 + 48 + edge 4
    public void Tall_narrow_deep_products_match_the_reference(int m, int n, int k, MatrixTranspose transA, MatrixTranspose transB)
    {
        Check<float>(m, n, k, transA, transB);
        Check<double>(m, n, k, transA, transB);
    }

    private static void Check<T>(int m, int n, int k, MatrixTranspose transA, MatrixTranspose transB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(m * n);
        T[] a = GemmReference.Random<T>(random, m * k);
        T[] b = GemmReference.Random<T>(random, k * n);
        T[] c = GemmReference.Random<T>(random, m * n);
        T[] bias = GemmReference.Random<T>(random, n);
        int lda = transA == MatrixTranspose.None ? k : m;
        int ldb = transB == MatrixTranspose.None ? n : k;
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 1;
            var (expected, scale) = GemmReference.Compute(transA, transB, m, n, k, 0.5, a, lda, b, ldb, 2.0, c, n);
            T[] scaled = (T[])c.Clone();
            Gemm.Multiply(transA, transB, m, n, k, T.CreateTruncating(0.5), a, b, T.CreateTruncating(2.0), scaled);
            GemmReference.AssertClose(expected, scale, scaled, m, n, n, $"{typeof(T).Name} {m}x{n}x{k} {transA}/{transB}");

            if (transA == MatrixTranspose.None && transB == MatrixTranspose.None)
            {
                (expected, scale) = GemmReference.Compute(transA, transB, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, n, bias, relu: true);
                T[] fused = new T[m * n];
                Gemm.MultiplyAddBias<T>(m, n, k, a, b, bias, fused, GemmActivation.Relu);
                GemmReference.AssertClose(expected, scale, fused, m, n, n, $"{typeof(T).Name} {m}x{n}x{k} bias+ReLU");
            }
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }
}
