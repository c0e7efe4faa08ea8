using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>The 128-bit forms of the m == 1 path (ARM64 AdvSimd, x64 without AVX2).</summary>
internal static unsafe partial class GemmRowVector<T>
{
    /// <summary>
    /// <see cref="CombineRows"/> on 128-bit vectors: blocks of up to 8 vectors of y in registers (8 accumulators,
    /// the broadcast of x, a load and a product fit 16 registers); a ragged end is one more vector overlapping the
    /// previous one, of which only the new lanes are stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CombineRows128(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        int v = Vector128<T>.Count;
        T* lanes = stackalloc T[Vector128<T>.Count];
        for (int j = 0; j < n; j += 8 * v)
        {
            int width = Math.Min(8 * v, n - j);
            int count = (width + v - 1) / v;
            int lastOffset = width - v;
            Vector128<T> last = CombineBlock128(x, b + j, ldb, k, y + j, bias == null ? null : bias + j, epilogue, count, lastOffset);
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
    private static Vector128<T> CombineBlock128(T* x, T* b, int ldb, int k, T* y, T* bias, in GemmEpilogue<T> epilogue, int count, int lastOffset) => count switch
    {
        1 => CombineBlock128<GemmBlockCount.One>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        2 => CombineBlock128<GemmBlockCount.Two>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        3 => CombineBlock128<GemmBlockCount.Three>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        4 => CombineBlock128<GemmBlockCount.Four>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        5 => CombineBlock128<GemmBlockCount.Five>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        6 => CombineBlock128<GemmBlockCount.Six>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        7 => CombineBlock128<GemmBlockCount.Seven>(x, b, ldb, k, y, bias, epilogue, lastOffset),
        _ => CombineBlock128<GemmBlockCount.Eight>(x, b, ldb, k, y, bias, epilogue, lastOffset),
    };

    // One compiled body per count: the count's branches fold, so the loop is straight-line FMAs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<T> CombineBlock128<TCount>(T* x, T* b, int ldb, int k, T* y, T* bias, in GemmEpilogue<T> epilogue, int lastOffset)
        where TCount : struct, IGemmBlockCount
    {
        int count = TCount.Value;
        int v = Vector128<T>.Count;
        Vector128<T> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        int o0 = count == 1 ? lastOffset : 0;
        int o1 = count == 2 ? lastOffset : v;
        int o2 = count == 3 ? lastOffset : 2 * v;
        int o3 = count == 4 ? lastOffset : 3 * v;
        int o4 = count == 5 ? lastOffset : 4 * v;
        int o5 = count == 6 ? lastOffset : 5 * v;
        int o6 = count == 7 ? lastOffset : 6 * v;
        int o7 = lastOffset;
        for (int p = 0; p < k; p++)
        {
            T* row = b + ((nint)p * ldb);
            var xp = Vector128.Create(x[p]);
            a0 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o0), a0);
            if (count > 1)
            {
                a1 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o1), a1);
            }

            if (count > 2)
            {
                a2 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o2), a2);
            }

            if (count > 3)
            {
                a3 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o3), a3);
            }

            if (count > 4)
            {
                a4 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o4), a4);
            }

            if (count > 5)
            {
                a5 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o5), a5);
            }

            if (count > 6)
            {
                a6 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o6), a6);
            }

            if (count > 7)
            {
                a7 = VectorFma.MultiplyAdd(xp, Vector128.Load(row + o7), a7);
            }
        }

        Vector128<T> last = a0;
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
    private static void StoreIfNotLast(Vector128<T> sum, int index, int count, T* y, T* bias, in GemmEpilogue<T> epilogue, ref Vector128<T> last)
    {
        if (index < count - 1)
        {
            int offset = index * Vector128<T>.Count;
            epilogue.Store(sum, y + offset, bias == null ? null : bias + offset);
        }
        else if (index == count - 1)
        {
            last = sum;
        }
    }

    /// <summary><see cref="DotRows"/> on 128-bit vectors: four rows of B share each load of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotRows128(T* x, T* b, int ldb, int n, int k, T* y, T* bias, in GemmEpilogue<T> epilogue)
    {
        int v = Vector128<T>.Count;
        int j = 0;
        for (; j <= n - 4; j += 4)
        {
            T* r0 = b + ((nint)j * ldb);
            T* r1 = r0 + ldb;
            T* r2 = r1 + ldb;
            T* r3 = r2 + ldb;
            Vector128<T> a0 = default, a1 = default, a2 = default, a3 = default;
            int p = 0;
            for (; p <= k - v; p += v)
            {
                var xv = Vector128.Load(x + p);
                a0 = VectorFma.MultiplyAdd(xv, Vector128.Load(r0 + p), a0);
                a1 = VectorFma.MultiplyAdd(xv, Vector128.Load(r1 + p), a1);
                a2 = VectorFma.MultiplyAdd(xv, Vector128.Load(r2 + p), a2);
                a3 = VectorFma.MultiplyAdd(xv, Vector128.Load(r3 + p), a3);
            }

            T s0 = Vector128.Sum(a0), s1 = Vector128.Sum(a1), s2 = Vector128.Sum(a2), s3 = Vector128.Sum(a3);
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
