using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// Every GEMM micro-kernel (Vector512, Vector256, Vector128, scalar) run directly inside the blocked driver, whatever
/// path the machine selects, so that the default test run on an AVX-512 machine checks the narrower kernels too (the
/// CI reruns with DOTNET_Enable* switches then check the dispatch). A kernel runs where its vector width is
/// hardware-accelerated; the scalar kernel runs everywhere. Shapes cross every panel kind (full, narrow, wide,
/// wide-pair, edge) and several k-blocks, with every transpose, alpha, beta, NaN-filled C, bias and ReLU.
/// </summary>
public unsafe class GemmMicroKernelTests
{
    private static readonly MatrixTranspose[] _transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    public static TheoryData<string, int> KernelsAndRows()
    {
        var data = new TheoryData<string, int>();
        foreach (string kernel in (string[])["Vector512", "Vector256", "Vector128", "Scalar"])
        {
            foreach (int m in (int[])[1, 5, 6, 7, 8, 9, 13, 17, 100])
            {
                data.Add(kernel, m);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndRows))]
    public void Kernel_products_match_reference(string kernel, int m)
    {
        if (!Runs(kernel))
        {
            return;
        }

        foreach (int n in (int[])[1, 3, 4, 5, 8, 9, 10, 12, 13, 16, 17, 31, 32, 33, 36, 45, 48, 49, 50, 52, 53, 65, 84, 100])
        {
            foreach (int k in (int[])[1, 7, 257])
            {
                foreach (MatrixTranspose ta in _transposes)
                {
                    foreach (MatrixTranspose tb in _transposes)
                    {
                        int seed = m + (31 * n) + (977 * k);
                        GemmTests.Check<float>(ta, tb, m, n, k, 1.5, 0.5, 1, 2, 3, seed, product: Product<float>(kernel));
                        GemmTests.Check<double>(ta, tb, m, n, k, -1, 1, 0, 1, 0, seed, product: Product<double>(kernel));
                        GemmTests.Check<float>(ta, tb, m, n, k, 1, 0, 0, 0, 0, seed, nanC: true, product: Product<float>(kernel));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Vector128")]
    [InlineData("Scalar")]
    public void Kernel_bias_and_relu_match_reference(string kernel)
    {
        if (!Runs(kernel))
        {
            return;
        }

        foreach ((int m, int n, int k) in (ReadOnlySpan<(int, int, int)>)[(7, 9, 5), (100, 100, 300), (13, 4, 1), (40, 50, 784), (33, 10, 100)])
        {
            CheckBiasRelu<float>(kernel, m, n, k);
            CheckBiasRelu<double>(kernel, m, n, k);
        }
    }

    /// <summary>Whether this machine runs the kernel's vector width in hardware (software-emulated wide vectors are too slow to test here).</summary>
    private static bool Runs(string kernel) => kernel switch
    {
        "Vector512" => Vector512.IsHardwareAccelerated,
        "Vector256" => Vector256.IsHardwareAccelerated,
        "Vector128" => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    private static void Run<T>(string kernel, in GemmProblem<T> problem)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kernel)
        {
            case "Vector512":
                GemmDriver<T>.Run<GemmKernel512<T>>(problem);
                break;
            case "Vector256":
                GemmDriver<T>.Run<GemmKernel256<T>>(problem);
                break;
            case "Vector128":
                GemmDriver<T>.Run<GemmKernel128<T>>(problem);
                break;
            default:
                GemmDriver<T>.Run<GemmKernelScalar<T>>(problem);
                break;
        }
    }

    private static GemmTests.Product<T> Product<T>(string kernel)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) =>
        {
            fixed (T* pa = a)
            fixed (T* pb = b)
            fixed (T* pc = c)
            {
                Run(kernel, new GemmProblem<T>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, null, relu: false));
            }
        };

    private static void CheckBiasRelu<T>(string kernel, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(m + n + k);
        T[] a = GemmReference.Random<T>(random, m * k);
        T[] b = GemmReference.Random<T>(random, k * n);
        T[] bias = GemmReference.Random<T>(random, n);
        T[] c = GemmReference.StridedC<T>(random, m, n, n, fillNaN: true);
        var (expected, scale) = GemmReference.Compute(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1, a, k, b, n, 0, c, n, bias, relu: true);
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        fixed (T* pbias = bias)
        {
            Run(kernel, new GemmProblem<T>(MatrixTranspose.None, MatrixTranspose.None, m, n, k, T.One, pa, k, pb, n, T.Zero, pc, n, pbias, relu: true));
        }

        GemmReference.AssertClose(expected, scale, c, m, n, n, $"{kernel} {typeof(T).Name} bias+ReLU m={m} n={n} k={k}");
    }
}
