using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// Runs a validated product: handles the degenerate cases, pins the spans, and picks the GEMV path (m == 1),
/// the single-threaded blocked driver, or a split of C across threads for large products.
/// </summary>
internal static unsafe class GemmExecution
{
    /// <summary>m * n * k from which a product is split across threads; below it thread hand-off costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 24;

    /// <summary>
    /// The lower threshold for tall products (m &gt;= <see cref="TallRows"/> and m &gt;= 4n, e.g. the last layer of a
    /// large inference batch, 10000 x 10 x 100): they are split into row bands, each of which repeats only the
    /// small packing of op(B), and the worker pool's hand-off costs microseconds against a product of 100+ µs.
    /// </summary>
    private const long TallParallelThreshold = 1L << 22;

    /// <summary>Rows from which <see cref="TallParallelThreshold"/> applies (well above training batch sizes).</summary>
    private const int TallRows = 2048;

    private static int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>Backs <see cref="Gemm.MaxDegreeOfParallelism"/> (validated there).</summary>
    public static int MaxDegreeOfParallelism
    {
        get => Volatile.Read(ref _maxDegreeOfParallelism);
        set => Volatile.Write(ref _maxDegreeOfParallelism, value);
    }

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
            ScaleOnly(m, n, beta, c, ldc, bias, relu);
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
            else if (ShouldSplit(m, n, k))
            {
                RunSplit(problem, MaxDegreeOfParallelism);
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

    /// <summary>Whether a product of this size is split across threads.</summary>
    internal static bool ShouldSplit(int m, int n, int k)
    {
        long size = (long)m * n * k;
        bool large = size >= ParallelThreshold || (m >= TallRows && m >= 4L * n && size >= TallParallelThreshold);
        return large && MaxDegreeOfParallelism > 1;
    }

    /// <summary>C = activation(beta * C + bias): the whole product when k == 0 or alpha == 0.</summary>
    internal static void ScaleOnly<T>(int m, int n, T beta, Span<T> c, int ldc, ReadOnlySpan<T> bias, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero)
            {
                row.Clear();
            }
            else if (beta != T.One)
            {
                TensorPrimitives.Multiply(row, beta, row);
            }

            if (!bias.IsEmpty)
            {
                TensorPrimitives.Add(row, bias, row);
            }

            if (relu)
            {
                TensorPrimitives.Max(row, T.Zero, row);
            }
        }
    }
}
