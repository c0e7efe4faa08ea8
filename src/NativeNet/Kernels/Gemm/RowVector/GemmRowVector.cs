using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The m == 1 case (batch-1 inference): y (1 x n) = alpha * x (1 x k) * op(B) [+ bias] + beta * y [then ReLU],
/// streamed straight from B without packing it (packing B would cost about ten times the product itself).
/// op(B) = B: y is a combination of B's rows, accumulated over column blocks kept in registers;
/// op(B) = Bᵀ: each y[j] is a dot product of x with a row of B. Both are bound by L2 bandwidth, so the
/// column blocks are as wide as the registers allow (8 Vector512 or 13 Vector256): one pass over B's rows for a
/// 100-wide layer.
/// </summary>
internal static unsafe partial class GemmRowVector<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes a problem with M == 1 and n, k &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> problem)
    {
        int k = problem.K;
        T* x = problem.A;
        if (problem.TransA == MatrixTranspose.Transpose && problem.Lda != 1)
        {
            // op(A) is a column of a k x lda matrix: gather it once so the loops below read it contiguously.
            T* gathered = GemmPackBuffer<T>.Get(k);
            for (int p = 0; p < k; p++)
            {
                gathered[p] = x[(nint)p * problem.Lda];
            }

            x = gathered;
        }

        var epilogue = GemmEpilogue<T>.ForBlock(problem.Alpha, problem.Beta, true, true, problem.Relu);
        if (problem.TransB == MatrixTranspose.None)
        {
            CombineRows(x, problem.B, problem.Ldb, problem.N, k, problem.C, problem.Bias, epilogue);
        }
        else
        {
            DotRows(x, problem.B, problem.Ldb, problem.N, k, problem.C, problem.Bias, epilogue);
        }
    }

    /// <summary>y[j] = Σp x[p] * b[p * ldb + j]: 4-vector column blocks, even and odd p in separate accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CombineRows(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            CombineRows512(x, b, ldb, n, k, y, bias, epilogue);
            return;
        }

        if (!Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count)
        {
            CombineRows128(x, b, ldb, n, k, y, bias, epilogue);
            return;
        }

        int v = Vector256<T>.Count;
        int j = 0;
        if (Vector256.IsHardwareAccelerated && n >= v)
        {
            // Wide blocks first: one pass over B's rows per 13 vectors of y instead of per 4.
            for (; n - j > 13 * v; j += 13 * v)
            {
                Vector256<T> full = CombineBlock13(x, b + j, ldb, k, y + j, bias == null ? null : bias + j, epilogue, 12 * v);
                epilogue.Store(full, y + j + (12 * v), bias == null ? null : bias + j + (12 * v));
            }

            if (n - j > 12 * v)
            {
                // 12 vectors and a ragged 13th overlapping the 12th, of which only the new lanes are stored.
                int lastOffset = n - j - v;
                T* lanes = stackalloc T[Vector256<T>.Count];
                CombineBlock13(x, b + j, ldb, k, y + j, bias == null ? null : bias + j, epilogue, lastOffset).Store(lanes);
                for (int q = j + (12 * v); q < n; q++)
                {
                    epilogue.Store(lanes[q - j - lastOffset], y + q, bias == null ? null : bias + q);
                }

                j = n;
            }

            for (; j <= n - (4 * v); j += 4 * v)
            {
                CombineBlock4(x, b + j, ldb, k, y + j, bias == null ? null : bias + j, epilogue);
            }

            for (; j <= n - v; j += v)
            {
                epilogue.Store(CombineBlock1(x, b + j, ldb, k), y + j, bias == null ? null : bias + j);
            }

            if (j < n)
            {
                // Ragged end: recompute the last full vector of columns and keep only its new lanes.
                int start = n - v;
                T* lanes = stackalloc T[Vector256<T>.Count];
                CombineBlock1(x, b + start, ldb, k).Store(lanes);
                for (; j < n; j++)
                {
                    epilogue.Store(lanes[j - start], y + j, bias == null ? null : bias + j);
                }
            }
        }

        for (; j < n; j++)
        {
            T sum = T.Zero;
            for (int p = 0; p < k; p++)
            {
                sum += x[p] * b[((nint)p * ldb) + j];
            }

            epilogue.Store(sum, y + j, bias == null ? null : bias + j);
        }
    }

    /// <summary>
    /// Vector512 form of <see cref="CombineRows"/>: blocks of up to 8 vectors (128 floats) of y in registers, so
    /// a 100-wide layer takes one pass over B's rows with 7 independent FMA chains; a ragged end is one more
    /// vector overlapping the previous one, of which only the new lanes are stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CombineRows512(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        int v = Vector512<T>.Count;
        T* lanes = stackalloc T[Vector512<T>.Count];
        for (int j = 0; j < n; j += 8 * v)
        {
            int width = Math.Min(8 * v, n - j);
            int count = (width + v - 1) / v;
            int lastOffset = width - v; // overlaps the previous vector when width is not a multiple of v
            Vector512<T> last = CombineBlock512(x, b + j, ldb, k, y + j, bias == null ? null : bias + j, epilogue, count, lastOffset);
            last.Store(lanes);
            for (int q = (count - 1) * v; q < width; q++)
            {
                epilogue.Store(lanes[q - lastOffset], y + j + q, bias == null ? null : bias + j + q);
            }
        }
    }

    /// <summary>
    /// Accumulates <paramref name="count"/> vectors (1-8) of y over all k rows; stores the first count - 1 and
    /// returns the last (at <paramref name="lastOffset"/>) for the caller to store lane by lane.
    /// </summary>
    private static Vector512<T> CombineBlock512(T* x, T* b, int ldb, int k, T* y, T* bias, in GemmEpilogue<T> epilogue, int count, int lastOffset) => count switch
    {
        1 => CombineBlock512<GemmBlockCount.One>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        2 => CombineBlock512<GemmBlockCount.Two>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        3 => CombineBlock512<GemmBlockCount.Three>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        4 => CombineBlock512<GemmBlockCount.Four>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        5 => CombineBlock512<GemmBlockCount.Five>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        6 => CombineBlock512<GemmBlockCount.Six>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        7 => CombineBlock512<GemmBlockCount.Seven>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        _ => CombineBlock512<GemmBlockCount.Eight>(x, b, ldb, k, y, bias, epilogue, lastOffset),
    };

    // One compiled body per count: the count's branches fold, so the loop is straight-line FMAs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector512<T> CombineBlock512<TCount>(T* x, T* b, int ldb, int k, T* y, T* bias, in GemmEpilogue<T> epilogue, int lastOffset)
        where TCount : struct, IGemmBlockCount
    {
        int count = TCount.Value;
        int v = Vector512<T>.Count;
        Vector512<T> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        int o1 = count == 2 ? lastOffset : v;
        int o2 = count == 3 ? lastOffset : 2 * v;
        int o3 = count == 4 ? lastOffset : 3 * v;
        int o4 = count == 5 ? lastOffset : 4 * v;
        int o5 = count == 6 ? lastOffset : 5 * v;
        int o6 = count == 7 ? lastOffset : 6 * v;
        int o7 = lastOffset;
        int o0 = count == 1 ? lastOffset : 0;
        for (int p = 0; p < k; p++)
        {
            T* row = b + ((nint)p * ldb);
            var xp = Vector512.Create(x[p]);
            a0 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o0), a0);
            if (count > 1)
            {
                a1 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o1), a1);
            }

            if (count > 2)
            {
                a2 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o2), a2);
            }

            if (count > 3)
            {
                a3 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o3), a3);
            }

            if (count > 4)
            {
                a4 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o4), a4);
            }

            if (count > 5)
            {
                a5 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o5), a5);
            }

            if (count > 6)
            {
                a6 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o6), a6);
            }

            if (count > 7)
            {
                a7 = VectorFma.MultiplyAdd(xp, Vector512.Load(row + o7), a7);
            }
        }

        // Store every vector but the last through the epilogue; the last goes back to the caller.
        Vector512<T> last = a0;
        StoreIfNotLast(a0, 0, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a1, 1, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a2, 2, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a3, 3, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a4, 4, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a5, 5, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a6, 6, count, y, bias, epilogue, ref last);
        StoreIfNotLast(a7, 7, count, y, bias, epilogue, ref last);
        return last;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreIfNotLast(Vector512<T> sum, int index, int count, T* y, T* bias, in GemmEpilogue<T> epilogue, ref Vector512<T> last)
    {
        if (index < count - 1)
        {
            int offset = index * Vector512<T>.Count;
            epilogue.Store(sum, y + offset, bias == null ? null : bias + offset);
        }
        else if (index == count - 1)
        {
            last = sum;
        }
    }

    /// <summary>
    /// 13 vectors of y accumulated in one pass over B's rows (13 accumulators + the broadcast of x of the 16
    /// registers without AVX-512): the first 12 at offsets 0, v, ..., 11 v are stored, the 13th (at
    /// <paramref name="lastOffset"/>, 12 v or less for a ragged end) is returned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<T> CombineBlock13(T* x, T* b, int ldb, int k, T* y, T* bias, in GemmEpilogue<T> epilogue, int lastOffset)
    {
        int v = Vector256<T>.Count;
        Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default;
        Vector256<T> a7 = default, a8 = default, a9 = default, a10 = default, a11 = default, a12 = default;
        T* last = b + lastOffset;
        for (nint p = 0; p < k; p++)
        {
            T* row = b + (p * ldb);
            var xp = Vector256.Create(x[p]);
            a0 = VectorFma.MultiplyAdd(xp, Vector256.Load(row), a0);
            a1 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + v), a1);
            a2 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (2 * v)), a2);
            a3 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (3 * v)), a3);
            a4 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (4 * v)), a4);
            a5 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (5 * v)), a5);
            a6 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (6 * v)), a6);
            a7 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (7 * v)), a7);
            a8 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (8 * v)), a8);
            a9 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (9 * v)), a9);
            a10 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (10 * v)), a10);
            a11 = VectorFma.MultiplyAdd(xp, Vector256.Load(row + (11 * v)), a11);
            a12 = VectorFma.MultiplyAdd(xp, Vector256.Load(last + (p * ldb)), a12);
        }

        epilogue.Store(a0, y, bias);
        epilogue.Store(a1, y + v, bias == null ? null : bias + v);
        epilogue.Store(a2, y + (2 * v), bias == null ? null : bias + (2 * v));
        epilogue.Store(a3, y + (3 * v), bias == null ? null : bias + (3 * v));
        epilogue.Store(a4, y + (4 * v), bias == null ? null : bias + (4 * v));
        epilogue.Store(a5, y + (5 * v), bias == null ? null : bias + (5 * v));
        epilogue.Store(a6, y + (6 * v), bias == null ? null : bias + (6 * v));
        epilogue.Store(a7, y + (7 * v), bias == null ? null : bias + (7 * v));
        epilogue.Store(a8, y + (8 * v), bias == null ? null : bias + (8 * v));
        epilogue.Store(a9, y + (9 * v), bias == null ? null : bias + (9 * v));
        epilogue.Store(a10, y + (10 * v), bias == null ? null : bias + (10 * v));
        epilogue.Store(a11, y + (11 * v), bias == null ? null : bias + (11 * v));
        return a12;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CombineBlock4(T* x, T* b, int ldb, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        int v = Vector256<T>.Count;
        Vector256<T> e0 = default, e1 = default, e2 = default, e3 = default;
        Vector256<T> o0 = default, o1 = default, o2 = default, o3 = default;
        int p = 0;
        for (; p < k - 1; p += 2)
        {
            T* row = b + ((nint)p * ldb);
            T* next = row + ldb;
            var xe = Vector256.Create(x[p]);
            var xo = Vector256.Create(x[p + 1]);
            e0 = VectorFma.MultiplyAdd(xe, Vector256.Load(row), e0);
            e1 = VectorFma.MultiplyAdd(xe, Vector256.Load(row + v), e1);
            e2 = VectorFma.MultiplyAdd(xe, Vector256.Load(row + (2 * v)), e2);
            e3 = VectorFma.MultiplyAdd(xe, Vector256.Load(row + (3 * v)), e3);
            o0 = VectorFma.MultiplyAdd(xo, Vector256.Load(next), o0);
            o1 = VectorFma.MultiplyAdd(xo, Vector256.Load(next + v), o1);
            o2 = VectorFma.MultiplyAdd(xo, Vector256.Load(next + (2 * v)), o2);
            o3 = VectorFma.MultiplyAdd(xo, Vector256.Load(next + (3 * v)), o3);
        }

        if (p < k)
        {
            T* row = b + ((nint)p * ldb);
            var xe = Vector256.Create(x[p]);
            e0 = VectorFma.MultiplyAdd(xe, Vector256.Load(row), e0);
            e1 = VectorFma.MultiplyAdd(xe, Vector256.Load(row + v), e1);
            e2 = VectorFma.MultiplyAdd(xe, Vector256.Load(row + (2 * v)), e2);
            e3 = VectorFma.MultiplyAdd(xe, Vector256.Load(row + (3 * v)), e3);
        }

        epilogue.Store(e0 + o0, y, bias);
        epilogue.Store(e1 + o1, y + v, bias == null ? null : bias + v);
        epilogue.Store(e2 + o2, y + (2 * v), bias == null ? null : bias + (2 * v));
        epilogue.Store(e3 + o3, y + (3 * v), bias == null ? null : bias + (3 * v));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<T> CombineBlock1(T* x, T* b, int ldb, int k)
    {
        Vector256<T> e = default, o = default;
        int p = 0;
        for (; p < k - 1; p += 2)
        {
            T* row = b + ((nint)p * ldb);
            e = VectorFma.MultiplyAdd(Vector256.Create(x[p]), Vector256.Load(row), e);
            o = VectorFma.MultiplyAdd(Vector256.Create(x[p + 1]), Vector256.Load(row + ldb), o);
        }

        if (p < k)
        {
            e = VectorFma.MultiplyAdd(Vector256.Create(x[p]), Vector256.Load(b + ((nint)p * ldb)), e);
        }

        return e + o;
    }

    /// <summary>y[j] = Σp x[p] * b[j * ldb + p]: four rows of B share each load of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        if (!Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated)
        {
            DotRows128(x, b, ldb, n, k, y, bias, epilogue);
            return;
        }

        int v = Vector256<T>.Count;
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= n - 4; j += 4)
            {
                T* r0 = b + ((nint)j * ldb);
                T* r1 = r0 + ldb;
                T* r2 = r1 + ldb;
                T* r3 = r2 + ldb;
                Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
                int p = 0;
                for (; p <= k - v; p += v)
                {
                    var xv = Vector256.Load(x + p);
                    a0 = VectorFma.MultiplyAdd(xv, Vector256.Load(r0 + p), a0);
                    a1 = VectorFma.MultiplyAdd(xv, Vector256.Load(r1 + p), a1);
                    a2 = VectorFma.MultiplyAdd(xv, Vector256.Load(r2 + p), a2);
                    a3 = VectorFma.MultiplyAdd(xv, Vector256.Load(r3 + p), a3);
                }

                T s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
                for (; p < k; p++)
                {
                    s0 += x[p] * r0[p];
                    s1 += x[p] * r1[p];
                    s2 += x[p] * r2[p];
                    s3 += x[p] * r3[p];
                }

                epilogue.Store(s0, y + j, bias == null ? null : bias + j);
                epilogue.Store(s1, y + j + 1, bias == null ? null : bias + j + 1);
                epilogue.Store(s2, y + j + 2, bias == null ? null : bias + j + 2);
                epilogue.Store(s3, y + j + 3, bias == null ? null : bias + j + 3);
            }
        }

        for (; j < n; j++)
        {
            T* row = b + ((nint)j * ldb);
            T sum = T.Zero;
            for (int p = 0; p < k; p++)
            {
                sum += x[p] * row[p];
            }

            epilogue.Store(sum, y + j, bias == null ? null : bias + j);
        }
    }
}
