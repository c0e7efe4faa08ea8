using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The cache-blocked GEMM loop nest in BLIS order: jc (NC columns of B, kept in L3) → pc (KC-deep slice: pack B)
/// → ic (MC rows of A: pack A, kept in L2) → jr (one NR-wide B micro-panel, in L1) → ir (MR rows) → micro-kernel.
/// Every C element is produced by the same sequence of operations whatever the tiling around it, which is what
/// makes splitting C across threads bit-exact.
/// </summary>
internal static unsafe class GemmDriver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>KC: depth of one packed slice; a 256-deep B micro-panel (32 KB for 32 floats) stays in L1.</summary>
    private const int DepthBlock = 256;

    /// <summary>MC in bytes of one A row slice: 384 floats x 256 deep ≈ 384 KB of packed A, inside the 1 MB L2.</summary>
    private const int RowBlockBytes = 384 * 4;

    /// <summary>NC: columns of packed B per outer block (a multiple of every NR).</summary>
    private const int ColumnBlock = 4096;

    /// <summary>Largest op(B), packed for all of k, for which tall products take <see cref="RunRowBlocksFirst"/> (leaves L2 room for A and C blocks).</summary>
    private const int DepthFirstBytes = 512 * 1024;

    /// <summary>MR of the micro-kernel selected for this machine (row splits between threads align to it).</summary>
    public static int TileRows => KernelPaths.Gemm switch
    {
        KernelPath.Vector512 => GemmKernel512<T>.Rows,
        KernelPath.Vector256 => GemmKernel256<T>.Rows,
        KernelPath.Vector128 => GemmKernel128<T>.Rows,
        _ => GemmKernelScalar<T>.Rows,
    };

    /// <summary>NR of the micro-kernel selected for this machine (column splits between threads align to it).</summary>
    public static int TileColumns => KernelPaths.Gemm switch
    {
        KernelPath.Vector512 => GemmKernel512<T>.Columns,
        KernelPath.Vector256 => GemmKernel256<T>.Columns,
        KernelPath.Vector128 => GemmKernel128<T>.Columns,
        _ => GemmKernelScalar<T>.Columns,
    };

    /// <summary>Computes a problem with m, n, k &gt; 0 on the calling thread with the micro-kernel of <see cref="KernelPaths.Gemm"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> problem)
    {
        switch (KernelPaths.Gemm)
        {
            case KernelPath.Vector512:
                Run<GemmKernel512<T>>(problem);
                break;
            case KernelPath.Vector256:
                Run<GemmKernel256<T>>(problem);
                break;
            case KernelPath.Vector128:
                Run<GemmKernel128<T>>(problem);
                break;
            default:
                Run<GemmKernelScalar<T>>(problem);
                break;
        }
    }

    /// <summary>Computes a problem with m, n, k &gt; 0 with the given micro-kernel (tests run each kernel on every machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Run<TKernel>(in GemmProblem<T> problem)
        where TKernel : struct, IGemmMicroKernel<T>
    {
        int mr = TKernel.Rows;
        int nr = TKernel.Columns;
        int m = problem.M;
        int n = problem.N;
        int k = problem.K;
        var panels = GemmPanels.For<T, TKernel>();

        int rowBlock = RowBlockBytes / sizeof(T) / mr * mr;
        if (m > rowBlock && k > DepthBlock && n <= ColumnBlock && (long)RoundUp(n, nr) * k * sizeof(T) <= DepthFirstBytes)
        {
            // Half an MC block: C rows of a block then stay in L2 next to all of packed B (measured 3-4 % faster than MC).
            RunRowBlocksFirst<TKernel>(problem, Math.Max(mr, rowBlock / 2 / mr * mr), panels);
            return;
        }

        int kcMax = Math.Min(k, DepthBlock);
        T* packedA = GetPackBuffers<TKernel>(Math.Min(m, rowBlock), kcMax, PackedBWidth<TKernel>(Math.Min(n, ColumnBlock)) * kcMax, out T* packedB, out T* scratch);

        for (int jc = 0; jc < n; jc += ColumnBlock)
        {
            int nc = Math.Min(ColumnBlock, n - jc);
            for (int pc = 0; pc < k; pc += DepthBlock)
            {
                int kc = Math.Min(DepthBlock, k - pc);
                PackB(problem, pc, jc, kc, nc, packedB, panels);
                var epilogue = GemmEpilogue<T>.ForBlock(problem.Alpha, problem.Beta, pc == 0, pc + kc == k, problem.Relu);
                T* bias = pc == 0 ? problem.Bias : null;

                for (int ic = 0; ic < m; ic += rowBlock)
                {
                    int mc = Math.Min(rowBlock, m - ic);
                    PackA(problem, ic, pc, mc, kc, packedA, mr);

                    ComputeBlock<TKernel>(problem, ic, mc, jc, nc, kc, packedA, packedB, epilogue, bias, scratch, panels);
                }
            }
        }
    }

    /// <summary>
    /// Tall, narrow products (several MC row blocks, k deeper than one KC block, all of packed op(B) within
    /// <see cref="DepthFirstBytes"/>): op(B) is packed once for every k-block, then each row block runs through all
    /// k-blocks while its rows of C are still in L2, instead of streaming the whole of C through memory once per
    /// k-block. Each C element sees the same k-blocks in the same order with the same epilogues, so the bits are
    /// those of the jc → pc → ic order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunRowBlocksFirst<TKernel>(in GemmProblem<T> problem, int rowBlock, GemmPanels panels)
        where TKernel : struct, IGemmMicroKernel<T>
    {
        int mr = TKernel.Rows;
        int m = problem.M;
        int n = problem.N;
        int k = problem.K;
        int blockStride = PackedBWidth<TKernel>(n);
        T* packedA = GetPackBuffers<TKernel>(Math.Min(m, rowBlock), Math.Min(k, DepthBlock), blockStride * k, out T* packedB, out T* scratch);
        for (int pc = 0; pc < k; pc += DepthBlock)
        {
            PackB(problem, pc, 0, Math.Min(DepthBlock, k - pc), n, packedB + ((nint)blockStride * pc), panels);
        }

        for (int ic = 0; ic < m; ic += rowBlock)
        {
            int mc = Math.Min(rowBlock, m - ic);
            for (int pc = 0; pc < k; pc += DepthBlock)
            {
                int kc = Math.Min(DepthBlock, k - pc);
                PackA(problem, ic, pc, mc, kc, packedA, mr);
                var epilogue = GemmEpilogue<T>.ForBlock(problem.Alpha, problem.Beta, pc == 0, pc + kc == k, problem.Relu);
                ComputeBlock<TKernel>(problem, ic, mc, 0, n, kc, packedA, packedB + ((nint)blockStride * pc), epilogue, pc == 0 ? problem.Bias : null, scratch, panels);
            }
        }
    }

    /// <summary>Elements per k of packed op(B) for <paramref name="columns"/> columns: whole NR panels plus room for a last wide-pair panel.</summary>
    private static int PackedBWidth<TKernel>(int columns)
        where TKernel : struct, IGemmMicroKernel<T> =>
        RoundUp(columns, TKernel.Columns) + TKernel.WidePairColumns;

    /// <summary>
    /// The calling thread's pack memory for one product: A panels for <paramref name="rows"/> x <paramref name="depth"/>,
    /// then <paramref name="bLength"/> elements of packed B, then a scratch tile for ragged stores.
    /// </summary>
    /// <returns>The packed A buffer.</returns>
    private static T* GetPackBuffers<TKernel>(int rows, int depth, int bLength, out T* packedB, out T* scratch)
        where TKernel : struct, IGemmMicroKernel<T>
    {
        int mr = TKernel.Rows;
        int aLength = GemmPackBuffer<T>.RoundUp(RoundUp(rows, mr) * depth);
        bLength = GemmPackBuffer<T>.RoundUp(bLength);
        int widest = Math.Max(TKernel.Columns, TKernel.WidePairColumns);
        T* packedA = GemmPackBuffer<T>.Get(aLength + bLength + (mr * widest));
        packedB = packedA + aLength;
        scratch = packedB + bLength;
        return packedA;
    }

    /// <summary>Multiplies packed A rows [ic, ic + mc) by the packed B columns [jc, jc + nc) of one k-block into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // as when it was the body of Run's loop: small products pay for a call
    private static void ComputeBlock<TKernel>(
        in GemmProblem<T> problem, int ic, int mc, int jc, int nc, int kc, T* packedA, T* packedB, in GemmEpilogue<T> epilogue, T* bias, T* scratch, GemmPanels panels)
        where TKernel : struct, IGemmMicroKernel<T>
    {
        int mr = TKernel.Rows;
        for (int jr = 0, width; jr < nc; jr += width)
        {
            width = panels.Width(nc - jr);
            int cols = Math.Min(width, nc - jr);
            T* panelB = packedB + ((nint)jr * kc);
            T* biasTile = bias == null ? null : bias + jc + jr;
            T* cColumn = problem.C + jc + jr;
            if (width == panels.Edge)
            {
                int group = TKernel.EdgeRows;
                for (int ir = 0; ir < mc; ir += group)
                {
                    T* panelA = packedA + ((nint)(ir / mr) * mr * kc);
                    TKernel.RunEdge(kc, panelA, mr * kc, panelB, cColumn + ((nint)(ic + ir) * problem.Ldc), problem.Ldc, Math.Min(group, mc - ir), cols, epilogue, biasTile, scratch);
                }

                continue;
            }

            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                T* panelA = packedA + ((nint)(ir / mr) * mr * kc);
                TKernel.Run(kc, panelA, panelB, width, cColumn + ((nint)(ic + ir) * problem.Ldc), problem.Ldc, rows, cols, epilogue, biasTile, scratch);
            }
        }
    }

    /// <summary>Packs op(B)[pc.., jc..] (kc x nc) into micro-panels of the widths <see cref="GemmPanels.Width"/> picks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(in GemmProblem<T> problem, int pc, int jc, int kc, int nc, T* dst, GemmPanels panels)
    {
        bool direct = problem.TransB == MatrixTranspose.None;
        for (int jr = 0, width; jr < nc; jr += width)
        {
            width = panels.Width(nc - jr);
            int cols = Math.Min(width, nc - jr);
            T* panel = dst + ((nint)jr * kc);
            T* src = direct ? problem.B + ((nint)pc * problem.Ldb) + jc + jr : problem.B + ((nint)(jc + jr) * problem.Ldb) + pc;
            if (width == panels.WidePair)
            {
                PackWidePair(problem, src, kc, cols, panel);
            }
            else if (width == panels.Edge)
            {
                if (direct)
                {
                    GemmPacking.DirectExpanded(src, problem.Ldb, cols, kc, panel);
                }
                else
                {
                    GemmPacking.TransposedExpanded(src, problem.Ldb, cols, kc, panel);
                }
            }
            else if (direct)
            {
                GemmPacking.Direct(src, problem.Ldb, cols, kc, panel, width);
            }
            else
            {
                GemmPacking.Transposed(src, problem.Ldb, cols, kc, panel, width);
            }
        }
    }

    /// <summary>
    /// Packs the <see cref="GemmWidePairKernel512"/> panel of op(B) at <paramref name="src"/> (float only): 48 plain
    /// columns, then the remaining cols - 48 (at most 2) expanded, <see cref="GemmWidePairKernel512.Stride"/> values per k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackWidePair(in GemmProblem<T> problem, T* src, int kc, int cols, T* panel)
    {
        const int wide = GemmWidePairKernel512.WideColumns;
        const int stride = GemmWidePairKernel512.Stride;
        if (problem.TransB == MatrixTranspose.None)
        {
            GemmPacking.Direct(src, problem.Ldb, wide, kc, panel, stride);
            GemmPacking.PairExpanded((float*)(src + wide), problem.Ldb, 1, cols - wide, kc, (float*)(panel + wide), stride);
        }
        else
        {
            GemmPacking.Transposed(src, problem.Ldb, wide, kc, panel, stride);
            GemmPacking.PairExpanded((float*)(src + ((nint)wide * problem.Ldb)), 1, problem.Ldb, cols - wide, kc, (float*)(panel + wide), stride);
        }
    }

    /// <summary>Packs op(A)[ic.., pc..] (mc x kc) into MR-row micro-panels stored k-major.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(in GemmProblem<T> problem, int ic, int pc, int mc, int kc, T* dst, int mr)
    {
        // A transposed A block is copied whole, 16 source rows at a time (see DirectPanels: twice as fast).
        if (problem.TransA == MatrixTranspose.Transpose && Vector512.IsHardwareAccelerated && mr == 8 && sizeof(T) is 4 or 8)
        {
            GemmPacking.DirectPanels(problem.A + ((nint)pc * problem.Lda) + ic, problem.Lda, mc, kc, dst);
            return;
        }

        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = dst + ((nint)(ir / mr) * mr * kc);
            if (problem.TransA == MatrixTranspose.None)
            {
                GemmPacking.Transposed(problem.A + ((nint)(ic + ir) * problem.Lda) + pc, problem.Lda, rows, kc, panel, mr);
            }
            else
            {
                GemmPacking.Direct(problem.A + ((nint)pc * problem.Lda) + ic + ir, problem.Lda, rows, kc, panel, mr);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
