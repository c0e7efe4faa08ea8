using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The A packs of the 6-row Vector256 micro-kernel (<see cref="GemmKernel256{T}"/>): dst[p * 6 + r] = op(A)[r, p].
/// A scalar transposing pack moved one element at a time from one source row at a time, which also left the
/// hardware one memory stream to prefetch (a 10 000 x 784 A then read from DRAM at a few GB/s); here six source
/// rows are read together and transposed in registers. Rows past <c>rows</c> are packed as zeros.
/// </summary>
internal static unsafe class GemmPackingSixRows
{
    /// <summary>Rows of one packed panel.</summary>
    public const int Rows = 6;

    /// <summary>dst[p * 6 + r] = src[r * ld + p] for r &lt; rows (at most 6), 0 for rows &lt;= r &lt; 6, p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transposed(float* src, int ld, int rows, int kc, float* dst)
    {
        float* s0 = src;
        float* s1 = src + (rows > 1 ? ld : 0);
        float* s2 = src + (rows > 2 ? 2 * (nint)ld : 0);
        float* s3 = src + (rows > 3 ? 3 * (nint)ld : 0);
        float* s4 = src + (rows > 4 ? 4 * (nint)ld : 0);
        float* s5 = src + (rows > 5 ? 5 * (nint)ld : 0);
        int p = 0;
        for (; p <= kc - 8; p += 8)
        {
            // Missing rows (a ragged last panel) are never read: they pack as zeros.
            Vector256<float> r0 = Avx.LoadVector256(s0 + p);
            Vector256<float> r1 = rows > 1 ? Avx.LoadVector256(s1 + p) : Vector256<float>.Zero;
            Vector256<float> r2 = rows > 2 ? Avx.LoadVector256(s2 + p) : Vector256<float>.Zero;
            Vector256<float> r3 = rows > 3 ? Avx.LoadVector256(s3 + p) : Vector256<float>.Zero;
            Vector256<float> r4 = rows > 4 ? Avx.LoadVector256(s4 + p) : Vector256<float>.Zero;
            Vector256<float> r5 = rows > 5 ? Avx.LoadVector256(s5 + p) : Vector256<float>.Zero;

            // Rows 0-3 transpose as in an 8 x 8 block; rows 4-5 need only one unpack level.
            Vector256<float> t0 = Avx.UnpackLow(r0, r1);
            Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3);
            Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> u0 = Avx.UnpackLow(r4, r5); // lanes: (4,5) of columns 0, 1 | 4, 5
            Vector256<float> u1 = Avx.UnpackHigh(r4, r5); // (4,5) of columns 2, 3 | 6, 7
            Vector256<float> q0 = Avx.Shuffle(t0, t2, 0x44); // rows 0-3 of column 0 | 4
            Vector256<float> q1 = Avx.Shuffle(t0, t2, 0xEE); // column 1 | 5
            Vector256<float> q2 = Avx.Shuffle(t1, t3, 0x44); // column 2 | 6
            Vector256<float> q3 = Avx.Shuffle(t1, t3, 0xEE); // column 3 | 7

            // Column c = rows 0-3 (128 bits) then rows 4-5 (64 bits), written at d + 6 c.
            float* d = dst + ((nint)p * Rows);
            StoreColumn(d, q0.GetLower(), u0.GetLower().AsDouble().ToScalar());
            StoreColumn(d + 6, q1.GetLower(), u0.GetLower().AsDouble().GetElement(1));
            StoreColumn(d + 12, q2.GetLower(), u1.GetLower().AsDouble().ToScalar());
            StoreColumn(d + 18, q3.GetLower(), u1.GetLower().AsDouble().GetElement(1));
            StoreColumn(d + 24, q0.GetUpper(), u0.GetUpper().AsDouble().ToScalar());
            StoreColumn(d + 30, q1.GetUpper(), u0.GetUpper().AsDouble().GetElement(1));
            StoreColumn(d + 36, q2.GetUpper(), u1.GetUpper().AsDouble().ToScalar());
            StoreColumn(d + 42, q3.GetUpper(), u1.GetUpper().AsDouble().GetElement(1));
        }

        for (; p < kc; p++)
        {
            float* d = dst + ((nint)p * Rows);
            d[0] = s0[p];
            d[1] = rows > 1 ? s1[p] : 0f;
            d[2] = rows > 2 ? s2[p] : 0f;
            d[3] = rows > 3 ? s3[p] : 0f;
            d[4] = rows > 4 ? s4[p] : 0f;
            d[5] = rows > 5 ? s5[p] : 0f;
        }
    }

    /// <summary>dst[p * 6 + r] = src[r * ld + p] for r &lt; rows (at most 6), 0 for rows &lt;= r &lt; 6, p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transposed(double* src, int ld, int rows, int kc, double* dst)
    {
        double* s0 = src;
        double* s1 = src + (rows > 1 ? ld : 0);
        double* s2 = src + (rows > 2 ? 2 * (nint)ld : 0);
        double* s3 = src + (rows > 3 ? 3 * (nint)ld : 0);
        double* s4 = src + (rows > 4 ? 4 * (nint)ld : 0);
        double* s5 = src + (rows > 5 ? 5 * (nint)ld : 0);
        int p = 0;
        for (; p <= kc - 4; p += 4)
        {
            Vector256<double> r0 = Avx.LoadVector256(s0 + p);
            Vector256<double> r1 = rows > 1 ? Avx.LoadVector256(s1 + p) : Vector256<double>.Zero;
            Vector256<double> r2 = rows > 2 ? Avx.LoadVector256(s2 + p) : Vector256<double>.Zero;
            Vector256<double> r3 = rows > 3 ? Avx.LoadVector256(s3 + p) : Vector256<double>.Zero;
            Vector256<double> r4 = rows > 4 ? Avx.LoadVector256(s4 + p) : Vector256<double>.Zero;
            Vector256<double> r5 = rows > 5 ? Avx.LoadVector256(s5 + p) : Vector256<double>.Zero;
            Vector256<double> t0 = Avx.UnpackLow(r0, r1); // rows 0,1 of columns 0 | 2
            Vector256<double> t1 = Avx.UnpackHigh(r0, r1); // columns 1 | 3
            Vector256<double> t2 = Avx.UnpackLow(r2, r3);
            Vector256<double> t3 = Avx.UnpackHigh(r2, r3);
            Vector256<double> u0 = Avx.UnpackLow(r4, r5);
            Vector256<double> u1 = Avx.UnpackHigh(r4, r5);
            double* d = dst + ((nint)p * Rows);
            Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
            u0.GetLower().Store(d + 4);
            Avx.Store(d + 6, Avx.Permute2x128(t1, t3, 0x20));
            u1.GetLower().Store(d + 10);
            Avx.Store(d + 12, Avx.Permute2x128(t0, t2, 0x31));
            u0.GetUpper().Store(d + 16);
            Avx.Store(d + 18, Avx.Permute2x128(t1, t3, 0x31));
            u1.GetUpper().Store(d + 22);
        }

        for (; p < kc; p++)
        {
            double* d = dst + ((nint)p * Rows);
            d[0] = s0[p];
            d[1] = rows > 1 ? s1[p] : 0;
            d[2] = rows > 2 ? s2[p] : 0;
            d[3] = rows > 3 ? s3[p] : 0;
            d[4] = rows > 4 ? s4[p] : 0;
            d[5] = rows > 5 ? s5[p] : 0;
        }
    }

    /// <summary>A full panel (six rows; a ragged one goes through <see cref="GemmPacking.Direct{T}"/>): dst[p * 6 + r] = src[p * ld + r], p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Direct(float* src, int ld, int kc, float* dst)
    {
        for (int p = 0; p < kc; p++)
        {
            float* s = src + ((nint)p * ld);
            float* d = dst + ((nint)p * Rows);
            Vector128.Load(s).Store(d);
            *(ulong*)(d + 4) = *(ulong*)(s + 4);
        }
    }

    /// <summary>A full panel (six rows; a ragged one goes through <see cref="GemmPacking.Direct{T}"/>): dst[p * 6 + r] = src[p * ld + r], p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Direct(double* src, int ld, int kc, double* dst)
    {
        for (int p = 0; p < kc; p++)
        {
            double* s = src + ((nint)p * ld);
            double* d = dst + ((nint)p * Rows);
            Vector128.Load(s).Store(d);
            Vector128.Load(s + 2).Store(d + 2);
            Vector128.Load(s + 4).Store(d + 4);
        }
    }

    /// <summary>Writes one packed column: 4 floats, then 2 more given as the bits of one double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreColumn(float* d, Vector128<float> rows0To3, double rows4And5)
    {
        rows0To3.Store(d);
        *(double*)(d + 4) = rows4And5;
    }
}
