using System.Numerics;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The m == 1 case (batch-1 inference): y (1 x n) = alpha * x (1 x k) * op(B) [+ bias] + beta * y [then ReLU],
/// streamed straight from B without packing it (packing B would cost about ten times the product itself).
/// op(B) = B: y is a combination of B's rows, accumulated over column blocks kept in registers;
/// op(B) = Bᵀ: each y[j] is a dot product of x with a row of B. Both are bound by L2 bandwidth,
/// which 256-bit loads already saturate.
/// </summary>
internal static unsafe class GemmRowVector<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes a problem with M == 1 and n, k &gt; 0.</summary>
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
    private static void CombineRows(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        int v = Vector256<T>.Count;
        int j = 0;
        if (Vector256.IsHardwareAccelerated && n >= v)
        {
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
            e0 = GemmSimd.Fma(xe, Vector256.Load(row), e0);
            e1 = GemmSimd.Fma(xe, Vector256.Load(row + v), e1);
            e2 = GemmSimd.Fma(xe, Vector256.Load(row + (2 * v)), e2);
            e3 = GemmSimd.Fma(xe, Vector256.Load(row + (3 * v)), e3);
            o0 = GemmSimd.Fma(xo, Vector256.Load(next), o0);
            o1 = GemmSimd.Fma(xo, Vector256.Load(next + v), o1);
            o2 = GemmSimd.Fma(xo, Vector256.Load(next + (2 * v)), o2);
            o3 = GemmSimd.Fma(xo, Vector256.Load(next + (3 * v)), o3);
        }

        if (p < k)
        {
            T* row = b + ((nint)p * ldb);
            var xe = Vector256.Create(x[p]);
            e0 = GemmSimd.Fma(xe, Vector256.Load(row), e0);
            e1 = GemmSimd.Fma(xe, Vector256.Load(row + v), e1);
            e2 = GemmSimd.Fma(xe, Vector256.Load(row + (2 * v)), e2);
            e3 = GemmSimd.Fma(xe, Vector256.Load(row + (3 * v)), e3);
        }

        epilogue.Store(e0 + o0, y, bias);
        epilogue.Store(e1 + o1, y + v, bias == null ? null : bias + v);
        epilogue.Store(e2 + o2, y + (2 * v), bias == null ? null : bias + (2 * v));
        epilogue.Store(e3 + o3, y + (3 * v), bias == null ? null : bias + (3 * v));
    }

    private static Vector256<T> CombineBlock1(T* x, T* b, int ldb, int k)
    {
        Vector256<T> e = default, o = default;
        int p = 0;
        for (; p < k - 1; p += 2)
        {
            T* row = b + ((nint)p * ldb);
            e = GemmSimd.Fma(Vector256.Create(x[p]), Vector256.Load(row), e);
            o = GemmSimd.Fma(Vector256.Create(x[p + 1]), Vector256.Load(row + ldb), o);
        }

        if (p < k)
        {
            e = GemmSimd.Fma(Vector256.Create(x[p]), Vector256.Load(b + ((nint)p * ldb)), e);
        }

        return e + o;
    }

    /// <summary>y[j] = Σp x[p] * b[j * ldb + p]: four rows of B share each load of x.</summary>
    private static void DotRows(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
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
                    a0 = GemmSimd.Fma(xv, Vector256.Load(r0 + p), a0);
                    a1 = GemmSimd.Fma(xv, Vector256.Load(r1 + p), a1);
                    a2 = GemmSimd.Fma(xv, Vector256.Load(r2 + p), a2);
                    a3 = GemmSimd.Fma(xv, Vector256.Load(r3 + p), a3);
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
