using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// On ARM64 every kernel family takes its Vector128 (AdvSimd) code, not the scalar fallback. The CI runs the
/// suite as linux-arm64 under emulation; on x64 these tests are skipped. The GEMM and GEMV entry points are
/// checked by their bits: the public product equals the Vector128 kernel called directly, bit for bit, and
/// differs from the scalar kernel (which multiplies, then adds, where AdvSimd fuses), while agreeing with the
/// double-precision reference. The element-wise and optimizer drivers pick their loop with
/// <see cref="VectorPath"/>, so its answer is the path they run.
/// </summary>
public unsafe class Arm64PathTests
{
    private static readonly MatrixTranspose[] _transposes = [MatrixTranspose.None, MatrixTranspose.Transpose];

    [Fact]
    public void Every_kernel_family_reports_the_fused_Vector128_path()
    {
        SkipUnlessArm64();

        Assert.True(AdvSimd.Arm64.IsSupported, "AdvSimd is not supported on this ARM64 process");
        Assert.True(Vector128.IsHardwareAccelerated, "Vector128 is not accelerated on this ARM64 process");
        Assert.False(Vector256.IsHardwareAccelerated);
        Assert.Equal(KernelPath.Vector128, KernelPaths.Gemm);
        Assert.Equal(KernelPath.Vector128, KernelPaths.Elementwise);
        Assert.Equal(KernelPath.Vector128, KernelPaths.Optimizers);
        Assert.True(KernelPaths.Vector128FusedMultiplyAdd);
        Assert.Equal(GemmKernel128<float>.Rows, GemmDriver<float>.TileRows);
        Assert.Equal(GemmKernel128<float>.Columns, GemmDriver<float>.TileColumns);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(37)]
    [InlineData(1000)]
    public void Element_wise_and_optimizer_drivers_run_the_Vector128_loop(int length)
    {
        SkipUnlessArm64();

        Assert.Equal(KernelPath.Vector128, VectorPath.For<float>((nuint)length));
        Assert.Equal(KernelPath.Vector128, VectorPath.For<double>((nuint)length));
    }

    [Theory]
    [InlineData(2, 9, 7)]
    [InlineData(7, 13, 5)]
    [InlineData(13, 100, 257)]
    [InlineData(100, 10, 100)]
    [InlineData(128, 100, 784)]
    public void Gemm_runs_the_Vector128_kernel(int m, int n, int k)
    {
        SkipUnlessArm64();

        foreach (MatrixTranspose ta in _transposes)
        {
            foreach (MatrixTranspose tb in _transposes)
            {
                CheckPath(ta, tb, m, n, k, (problem, _) => GemmDriver<float>.Run<GemmKernel128<float>>(problem));
            }
        }
    }

    [Theory]
    [InlineData(4, 7)]
    [InlineData(10, 100)]
    [InlineData(50, 100)]
    [InlineData(100, 784)]
    public void Gemv_runs_the_Vector128_row_vector_code(int n, int k)
    {
        SkipUnlessArm64();

        foreach (MatrixTranspose tb in _transposes)
        {
            CheckPath(MatrixTranspose.None, tb, 1, n, k, RowVector128);
        }
    }

    private static void SkipUnlessArm64() =>
        Assert.SkipUnless(RuntimeInformation.ProcessArchitecture == Architecture.Arm64, "ARM64 only (the CI runs the suite as linux-arm64 under emulation).");

    /// <summary>The public product against <paramref name="vector128"/> (bit for bit), the scalar kernel (must differ) and the reference.</summary>
    private static void CheckPath(MatrixTranspose ta, MatrixTranspose tb, int m, int n, int k, Action<GemmProblem<float>, GemmEpilogue<float>> vector128)
    {
        string context = $"{ta}/{tb} m={m} n={n} k={k}";
        var random = new Random(m + (31 * n) + (977 * k));
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        int lda = ta == MatrixTranspose.None ? k : m;
        int ldb = tb == MatrixTranspose.None ? n : k;

        float[] dispatched = new float[m * n];
        Gemm.Multiply(ta, tb, m, n, k, 1f, a, b, 0f, dispatched);
        float[] direct = Run(ta, tb, m, n, k, a, lda, b, ldb, vector128);
        float[] scalar = Run(ta, tb, m, n, k, a, lda, b, ldb, (problem, _) => GemmDriver<float>.Run<GemmKernelScalar<float>>(problem));

        Assert.True(dispatched.AsSpan().SequenceEqual(direct), $"the product is not the Vector128 kernel's, bit for bit ({context})");
        Assert.False(dispatched.AsSpan().SequenceEqual(scalar), $"the product equals the scalar kernel's bits: the scalar fallback ran ({context})");
        var (expected, scale) = GemmReference.Compute(ta, tb, m, n, k, 1, a, lda, b, ldb, 0, new float[m * n], n);
        GemmReference.AssertClose(expected, scale, dispatched, m, n, n, context);
        GemmReference.AssertClose(expected, scale, scalar, m, n, n, context);
    }

    private static float[] Run(MatrixTranspose ta, MatrixTranspose tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb, Action<GemmProblem<float>, GemmEpilogue<float>> product)
    {
        float[] c = new float[m * n];
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            product(new GemmProblem<float>(ta, tb, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, n, null, relu: false), GemmEpilogue<float>.ForBlock(1f, 0f, true, true, relu: false));
        }

        return c;
    }

    private static void RowVector128(GemmProblem<float> problem, GemmEpilogue<float> epilogue)
    {
        if (problem.TransB == MatrixTranspose.None)
        {
            GemmRowVector<float>.CombineRows128(problem.A, problem.B, problem.Ldb, problem.N, problem.K, problem.C, null, epilogue);
        }
        else
        {
            GemmRowVector<float>.DotRows128(problem.A, problem.B, problem.Ldb, problem.N, problem.K, problem.C, null, epilogue);
        }
    }
}
