using System.Numerics;
using System.Runtime.CompilerServices;

namespace NativeNet.Kernels;

/// <summary>
/// Runs a validated product: handles the degenerate cases, pins the spans, and picks the GEMV path (m == 1),
/// the single-threaded blocked driver, or a split of C across threads for large products.
/// </summary>
internal static unsafe class GemmExecution
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, ReadOnlySpan<T> bias, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == T.Zero)
        {
            Gemm.ScaleOnly(m, n, beta, c, ldc, bias, relu);
            return;
        }

        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        fixed (T* pbias = bias)
        {
            var problem = new GemmProblem<T>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, bias.IsEmpty ? null : pbias, relu);
            if (m == 1)
            {
                GemmRowVector<T>.Run(problem);
            }
            else if (Gemm.ShouldSplit(m, n, k))
            {
                RunSplit(problem, Gemm.MaxDegreeOfParallelism);
            }
            else
            {
                GemmDriver<T>.Run(problem);
            }
        }
    }

    /// <summary>
    /// Splits C into at most <paramref name="degree"/> bands of whole micro-tiles and runs each band as an
    /// independent product on <see cref="GemmWorkerPool"/> (inline when the pool is busy). Every band repeats the
    /// full k sum in the same order, so the bits do not depend on the number of bands.
    /// </summary>
    private static void RunSplit<T>(in GemmProblem<T> problem, int degree)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmSplit<T> split = GemmSplit<T>.ForCurrentThread;
        int parts = split.Prepare(problem, Math.Min(degree, GemmWorkerPool.MaxParts));
        try
        {
            if (parts <= 1 || !GemmWorkerPool.TryRun(split, parts))
            {
                GemmDriver<T>.Run(problem);
            }
        }
        finally
        {
            split.Clear();
        }
    }
}
