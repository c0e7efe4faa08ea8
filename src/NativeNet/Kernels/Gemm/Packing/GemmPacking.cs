using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// Copies an operand block into the micro-panel layout the micro-kernels stream: element (p, j) of a panel of
/// width w lives at dst[p * w + j], and columns beyond the valid count are zero so ragged tiles need no masks.
/// Two source orientations cover all four transpose cases: <see cref="Direct"/> (panel columns are contiguous
/// in the source) and <see cref="Transposed"/> (panel columns are source rows, moved with 8 x 8 / 4 x 4 AVX
/// transposes because a scalar gather costs more than the whole multiply for the small MLP shapes).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>dst[p * w + j] = src[p * ld + j] for j &lt; cols, 0 for cols &lt;= j &lt; w, p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Direct<T>(T* src, int ld, int cols, int kc, T* dst, int w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Full six-row panels of the Vector256 and Vector128 kernels; a ragged last one takes the general loop below.
        if (w == GemmPackingSixRows.Rows && cols == w && Vector128.IsHardwareAccelerated)
        {
            if (typeof(T) == typeof(float))
            {
                GemmPackingSixRows.Direct((float*)src, ld, kc, (float*)dst);
                return;
            }

            if (typeof(T) == typeof(double))
            {
                GemmPackingSixRows.Direct((double*)src, ld, kc, (double*)dst);
                return;
            }
        }

        for (int p = 0; p < kc; p++)
        {
            T* s = src + ((nint)p * ld);
            T* d = dst + ((nint)p * w);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j <= cols - Vector256<T>.Count; j += Vector256<T>.Count)
                {
                    Vector256.Load(s + j).Store(d + j);
                }
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                for (; j <= cols - Vector128<T>.Count; j += Vector128<T>.Count)
                {
                    Vector128.Load(s + j).Store(d + j);
                }
            }

            for (; j < cols; j++)
            {
                d[j] = s[j];
            }

            for (; j < w; j++)
            {
                d[j] = T.Zero;
            }
        }
    }

    /// <summary>
    /// A whole row block of a transposed A for the Vector512 kernels (mr = 8): panel q (rows 8q..8q+7) at
    /// dst + q * 8 * kc holds dst[p * 8 + r] = src[p * ld + 8 q + r], the ragged last panel zero-padded as in
    /// <see cref="Direct"/>. Blocks of 16 source rows are swept panel by panel, so the 16 ld-strided lines stay in
    /// L1 across panels and each panel is written in 512-byte runs (panel by panel over all k, every panel reads
    /// the ld-strided lines again from L2; row by row over all panels, 4 KB-strided stores thrash L1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DirectPanels<T>(T* src, int ld, int rows, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int mr = 8;
        const int depthStep = 16;
        int full = rows / mr;
        nint panelStride = (nint)mr * kc;
        for (int p0 = 0; p0 < kc; p0 += depthStep)
        {
            int p1 = Math.Min(kc, p0 + depthStep);
            for (int q = 0; q < full; q++)
            {
                T* s = src + ((nint)p0 * ld) + (q * mr);
                T* d = dst + (q * panelStride) + ((nint)p0 * mr);
                for (int p = p0; p < p1; p++)
                {
                    if (sizeof(T) == 4)
                    {
                        Vector256.Load((float*)s).Store((float*)d);
                    }
                    else
                    {
                        Vector512.Load((double*)s).Store((double*)d);
                    }

                    s += ld;
                    d += mr;
                }
            }
        }

        if (full * mr < rows)
        {
            Direct(src + (full * mr), ld, rows - (full * mr), kc, dst + (full * panelStride), mr);
        }
    }

    /// <summary>dst[p * w + j] = src[j * ld + p] for j &lt; rows, 0 for rows &lt;= j &lt; w, p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transposed<T>(T* src, int ld, int rows, int kc, T* dst, int w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w == GemmPackingSixRows.Rows && !Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated)
        {
            if (typeof(T) == typeof(float))
            {
                GemmPackingTranspose128.SixRows((float*)src, ld, rows, kc, (float*)dst);
                return;
            }

            if (typeof(T) == typeof(double))
            {
                GemmPackingTranspose128.SixRows((double*)src, ld, rows, kc, (double*)dst);
                return;
            }
        }

        if (w == GemmPackingSixRows.Rows && Vector256.IsHardwareAccelerated)
        {
            if (typeof(T) == typeof(float))
            {
                GemmPackingSixRows.Transposed((float*)src, ld, rows, kc, (float*)dst);
                return;
            }

            if (typeof(T) == typeof(double))
            {
                GemmPackingSixRows.Transposed((double*)src, ld, rows, kc, (double*)dst);
                return;
            }
        }

        int j = 0;
        if (!Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated)
        {
            // Portable 4 x 4 (2 x 2) register transposes for ARM64 and x64 without AVX2.
            int vectorDepth = kc & ~(Vector128<T>.Count - 1);
            if (typeof(T) == typeof(float) && w % 4 == 0)
            {
                j = GemmPackingTranspose128.Blocks((float*)src, ld, rows, kc, (float*)dst, w);
            }
            else if (typeof(T) == typeof(double) && w % 2 == 0)
            {
                j = GemmPackingTranspose128.Blocks((double*)src, ld, rows, kc, (double*)dst, w);
            }

            TransposeScalar(src, ld, j, vectorDepth, kc, dst, w);
        }
        else if (Vector256.IsHardwareAccelerated && typeof(T) == typeof(float) && w % 8 == 0)
        {
            for (; j <= rows - 8; j += 8)
            {
                float* s = (float*)src + ((nint)j * ld);
                float* d = (float*)dst + j;
                int p = 0;
                for (; p <= kc - 8; p += 8)
                {
                    Transpose8x8(s + p, ld, d + ((nint)p * w), w);
                }

                TransposeScalar(src + ((nint)j * ld), ld, 8, p, kc, dst + j, w);
            }
        }
        else if (Vector256.IsHardwareAccelerated && typeof(T) == typeof(double) && w % 4 == 0)
        {
            for (; j <= rows - 4; j += 4)
            {
                double* s = (double*)src + ((nint)j * ld);
                double* d = (double*)dst + j;
                int p = 0;
                for (; p <= kc - 4; p += 4)
                {
                    Transpose4x4(s + p, ld, d + ((nint)p * w), w);
                }

                TransposeScalar(src + ((nint)j * ld), ld, 4, p, kc, dst + j, w);
            }
        }

        TransposeScalar(src + ((nint)j * ld), ld, rows - j, 0, kc, dst + j, w);
        for (int p = 0; p < kc; p++)
        {
            T* d = dst + ((nint)p * w);
            for (int z = rows; z < w; z++)
            {
                d[z] = T.Zero;
            }
        }
    }

    /// <summary>
    /// The edge kernel's expanded panel: dst[p * 16 + 4 j + r] = src[p * ld + j] for r &lt; 4 and j &lt; cols
    /// (each value repeated 4 times), 0 for cols &lt;= j &lt; 4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DirectExpanded<T>(T* src, int ld, int cols, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A full float edge (n = 100 leaves 4) is one 128-bit broadcast and one lane permute per k instead of 16
        // scalar stores; only a copy, so the bits cannot change.
        if (typeof(T) == typeof(float) && cols == 4 && Vector512.IsHardwareAccelerated)
        {
            var repeat = Vector512.Create(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);
            for (nint p = 0; p < kc; p++)
            {
                Vector512<float> row = Avx512F.BroadcastVector128ToVector512((float*)src + (p * ld));
                Vector512.Shuffle(row, repeat).Store((float*)dst + (p * 16));
            }

            return;
        }

        for (int p = 0; p < kc; p++)
        {
            T* s = src + ((nint)p * ld);
            T* d = dst + ((nint)p * 16);
            for (int j = 0; j < 4; j++)
            {
                T value = j < cols ? s[j] : T.Zero;
                d[4 * j] = value;
                d[(4 * j) + 1] = value;
                d[(4 * j) + 2] = value;
                d[(4 * j) + 3] = value;
            }
        }
    }

    /// <summary>Like <see cref="DirectExpanded{T}"/> with the panel's columns stored as source rows: value (p, j) = src[j * ld + p].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedExpanded<T>(T* src, int ld, int cols, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int start = 0;
        if (typeof(T) == typeof(float) && cols == 4 && Vector512.IsHardwareAccelerated)
        {
            // Four k of the four source rows in one vector (row j in lanes 4j..4j+3), then one permute per k
            // spreads lane 4j + q over lanes 4j..4j+3: a copy, so the bits cannot change.
            float* s = (float*)src;
            var spread = Vector512.Create(0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12);
            for (; start <= kc - 4; start += 4)
            {
                var rows = Vector512.Create(
                    Vector256.Create(Vector128.Load(s + start), Vector128.Load(s + ld + start)),
                    Vector256.Create(Vector128.Load(s + (2 * (nint)ld) + start), Vector128.Load(s + (3 * (nint)ld) + start)));
                float* d = (float*)dst + ((nint)start * 16);
                Vector512.Shuffle(rows, spread).Store(d);
                Vector512.Shuffle(rows, spread + Vector512<int>.One).Store(d + 16);
                Vector512.Shuffle(rows, spread + Vector512.Create(2)).Store(d + 32);
                Vector512.Shuffle(rows, spread + Vector512.Create(3)).Store(d + 48);
            }
        }

        for (int p = start; p < kc; p++)
        {
            T* d = dst + ((nint)p * 16);
            for (int j = 0; j < 4; j++)
            {
                T value = j < cols ? src[((nint)j * ld) + p] : T.Zero;
                d[4 * j] = value;
                d[(4 * j) + 1] = value;
                d[(4 * j) + 2] = value;
                d[(4 * j) + 3] = value;
            }
        }
    }

    /// <summary>
    /// The corner of <see cref="GemmWidePairKernel512"/>'s panel: dst[p * stride + 8 j + r] = value (p, j) for r &lt; 8
    /// and j &lt; 2 (each value repeated 8 times, 0 for cols &lt;= j), where value (p, j) = src[p * kStride + j * colStride]
    /// covers both orientations of B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PairExpanded(float* src, nint kStride, nint colStride, int cols, int kc, float* dst, int stride)
    {
        for (int p = 0; p < kc; p++)
        {
            float* s = src + (p * kStride);
            float* d = dst + ((nint)p * stride);
            Vector256.Create(cols > 0 ? s[0] : 0f).Store(d);
            Vector256.Create(cols > 1 ? s[colStride] : 0f).Store(d + 8);
        }
    }

    /// <summary>dst[p * w + r] = src[r * ld + p] for r &lt; rows and pStart &lt;= p &lt; pEnd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeScalar<T>(T* src, int ld, int rows, int pStart, int pEnd, T* dst, int w)
        where T : unmanaged
    {
        for (int r = 0; r < rows; r++)
        {
            T* s = src + ((nint)r * ld);
            for (int p = pStart; p < pEnd; p++)
            {
                dst[((nint)p * w) + r] = s[p];
            }
        }
    }

    /// <summary>Row q of the 8 x 8 block at dst (row stride ldd) = column q of the block at src (row stride ld).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int ld, float* dst, int ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + ld);
        Vector256<float> r2 = Avx.LoadVector256(src + (2 * (nint)ld));
        Vector256<float> r3 = Avx.LoadVector256(src + (3 * (nint)ld));
        Vector256<float> r4 = Avx.LoadVector256(src + (4 * (nint)ld));
        Vector256<float> r5 = Avx.LoadVector256(src + (5 * (nint)ld));
        Vector256<float> r6 = Avx.LoadVector256(src + (6 * (nint)ld));
        Vector256<float> r7 = Avx.LoadVector256(src + (7 * (nint)ld));

        // Interleave pairs of rows, then pairs of pairs: s_q holds columns q and q + 4 of rows 0-3 | 4-7.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * (nint)ldd), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * (nint)ldd), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * (nint)ldd), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * (nint)ldd), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * (nint)ldd), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * (nint)ldd), Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>Row q of the 4 x 4 block at dst (row stride ldd) = column q of the block at src (row stride ld).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(double* src, int ld, double* dst, int ldd)
    {
        Vector256<double> r0 = Avx.LoadVector256(src);
        Vector256<double> r1 = Avx.LoadVector256(src + ld);
        Vector256<double> r2 = Avx.LoadVector256(src + (2 * (nint)ld));
        Vector256<double> r3 = Avx.LoadVector256(src + (3 * (nint)ld));
        Vector256<double> t0 = Avx.UnpackLow(r0, r1);
        Vector256<double> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3);
        Vector256<double> t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + (2 * (nint)ldd), Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + (3 * (nint)ldd), Avx.Permute2x128(t1, t3, 0x31));
    }
}
