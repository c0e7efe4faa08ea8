using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// Tests that change the process-wide <see cref="Gemm.MaxDegreeOfParallelism"/>; one collection so they never
/// run at the same time, and each restores the previous value.
/// </summary>
[Collection("GemmThreading")]
public class GemmThreadingTests
{
    [Theory]
    [InlineData(512, 512, 512, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(512, 512, 512, MatrixTranspose.Transpose, MatrixTranspose.Transpose)]
    [InlineData(1000, 171, 130, MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(150, 1000, 300, MatrixTranspose.Transpose, MatrixTranspose.None)]
    public void Result_is_bit_identical_for_any_thread_count(int m, int n, int k, MatrixTranspose transA, MatrixTranspose transB)
    {
        var random = new Random(42);
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        float[] c0 = GemmReference.Random<float>(random, m * n);
        Assert.True(GemmExecution.ShouldSplit(m, n, k) || Gemm.MaxDegreeOfParallelism == 1, "shape must be above the threading threshold");

        float[][] results = new float[3][];
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            for (int threads = 1; threads <= 3; threads++)
            {
                Gemm.MaxDegreeOfParallelism = threads;
                results[threads - 1] = (float[])c0.Clone();
                Gemm.Multiply(transA, transB, m, n, k, 1.5f, a, b, 0.5f, results[threads - 1]);
            }
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);

        // And it is the right product (spot-check a few elements against the reference).
        for (int t = 0; t < 20; t++)
        {
            int i = random.Next(m), j = random.Next(n);
            double sum = 0;
            for (int p = 0; p < k; p++)
            {
                sum += GemmReference.At(a, transA, transA == MatrixTranspose.None ? k : m, i, p) * GemmReference.At(b, transB, transB == MatrixTranspose.None ? n : k, p, j);
            }

            Assert.Equal((1.5 * sum) + (0.5 * c0[(i * n) + j]), results[1][(i * n) + j], 1e-3);
        }
    }

    [Theory]
    [InlineData(128, 784, 100, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(784, 100, 128, MatrixTranspose.Transpose, MatrixTranspose.None)]
    [InlineData(128, 784, 100, MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(1, 784, 100, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(1, 100, 784, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(1, 100, 784, MatrixTranspose.Transpose, MatrixTranspose.Transpose)]
    public void Steady_state_calls_allocate_nothing(int m, int n, int k, MatrixTranspose transA, MatrixTranspose transB)
    {
        var random = new Random(3);
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        float[] bias = GemmReference.Random<float>(random, n);
        float[] c = new float[m * n];
        double[] ad = new double[m * k], bd = new double[k * n], cd = new double[m * n];
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 1;
            for (int i = 0; i < 3; i++)
            {
                Gemm.Multiply(transA, transB, m, n, k, 1f, a, b, 0.5f, c);
                Gemm.Multiply(transA, transB, m, n, k, 1.0, ad, bd, 0.0, cd);
                Gemm.MultiplyAddBias<float>(m, n, k, a, b, bias, c, GemmActivation.Relu);
            }

            long allocated = AllocationMeter.BytesAllocatedBy(() =>
            {
                for (int i = 0; i < 5; i++)
                {
                    Gemm.Multiply(transA, transB, m, n, k, 1f, a, b, 0.5f, c);
                    Gemm.Multiply(transA, transB, m, n, k, 1.0, ad, bd, 0.0, cd);
                    Gemm.MultiplyAddBias<float>(m, n, k, a, b, bias, c, GemmActivation.Relu);
                }
            });

            Assert.Equal(0, allocated);
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }
}
