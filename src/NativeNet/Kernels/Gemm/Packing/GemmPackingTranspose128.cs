using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The transposing packs of the 128-bit path (<see cref="GemmKernel128{T}"/>): op(A) panels of six rows and op(B)
/// panels stored as source rows, moved as 4 x 4 float (2 x 2 double) register transposes with portable
/// <see cref="VectorZip"/> interleaves, so ARM64 and x64 without AVX2 run the same code. Rows past the valid
/// count are packed as zeros.
/// </summary>
internal static unsafe class GemmPackingTranspose128
{
    /// <summary>dst[p * 6 + r] = src[r * ld + p] for r &lt; rows (at most 6), 0 for rows &lt;= r &lt; 6, p &lt; kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SixRows(float* src, int ld, int rows, int kc, float* dst)
    {
        float* s0 = src;
        float* s1 = src + (rows > 1 ? ld : 0);
        float* s2 = src + (rows > 2 ? 2 * (nint)ld : 0);
        float* s3 = src + (rows > 3 ? 3 * (nint)ld : 0);
        float* s4 = src + (rows > 4 ? 4 * (nint)ld : 0);
        float* s5 = src + (rows > 5 ? 5 * (nint)ld : 0);
        int p = 0;
        for (; p <= kc - 4; p += 4)
        {
            // Missing rows (a ragged last panel) are never read: they pack as zeros.
            Vector128<float> r0 = Vector128.Load(s0 + p);
            Vector128<float> r1 = rows > 1 ? Vector128.Load(s1 + p) : Vector128<float>.Zero;
            Vector128<float> r2 = rows > 2 ? Vector128.Load(s2 + p) : Vector128<float>.Zero;
            Vector128<float> r3 = rows > 3 ? Vector128.Load(s3 + p) : Vector128<float>.Zero;
            Vector128<float> r4 = rows > 4 ? Vector128.Load(s4 + p) : Vector128<float>.Zero;
            Vector128<float> r5 = rows > 5 ? Vector128.Load(s5 + p) : Vector128<float>.Zero;
            Transpose4x4(r0, r1, r2, r3, out var c0, out var c1, out var c2, out var c3);
            Vector128<double> u0 = VectorZip.Low(r4, r5).AsDouble(); // rows 4,5 of columns 0 | 1
            Vector128<double> u1 = VectorZip.High(r4, r5).AsDouble(); // columns 2 | 3
            float* d = dst + ((nint)p * 6);
            c0.Store(d);
            *(double*)(d + 4) = u0.ToScalar();
            c1.Store(d + 6);
            *(double*)(d + 10) = u0.GetElement(1);
            c2.Store(d + 12);
            *(double*)(d + 16) = u1.ToScalar();
            c3.Store(d + 18);
            *(double*)(d + 22) = u1.GetElement(1);
        }

        for (; p < kc; p++)
        {
            float* d = dst + ((nint)p * 6);
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
    public static void SixRows(double* src, int ld, int rows, int kc, double* dst)
    {
        double* s0 = src;
        double* s1 = src + (rows > 1 ? ld : 0);
        double* s2 = src + (rows > 2 ? 2 * (nint)ld : 0);
        double* s3 = src + (rows > 3 ? 3 * (nint)ld : 0);
        double* s4 = src + (rows > 4 ? 4 * (nint)ld : 0);
        double* s5 = src + (rows > 5 ? 5 * (nint)ld : 0);
        int p = 0;
        for (; p <= kc - 2; p += 2)
        {
            Vector128<double> r0 = Vector128.Load(s0 + p);
            Vector128<double> r1 = rows > 1 ? Vector128.Load(s1 + p) : Vector128<double>.Zero;
            Vector128<double> r2 = rows > 2 ? Vector128.Load(s2 + p) : Vector128<double>.Zero;
            Vector128<double> r3 = rows > 3 ? Vector128.Load(s3 + p) : Vector128<double>.Zero;
            Vector128<double> r4 = rows > 4 ? Vector128.Load(s4 + p) : Vector128<double>.Zero;
            Vector128<double> r5 = rows > 5 ? Vector128.Load(s5 + p) : Vector128<double>.Zero;
            double* d = dst + ((nint)p * 6);
            VectorZip.Low(r0, r1).Store(d);
            VectorZip.Low(r2, r3).Store(d + 2);
            VectorZip.Low(r4, r5).Store(d + 4);
            VectorZip.High(r0, r1).Store(d + 6);
            VectorZip.High(r2, r3).Store(d + 8);
            VectorZip.High(r4, r5).Store(d + 10);
        }

        for (; p < kc; p++)
        {
            double* d = dst + ((nint)p * 6);
            d[0] = s0[p];
            d[1] = rows > 1 ? s1[p] : 0;
            d[2] = rows > 2 ? s2[p] : 0;
            d[3] = rows > 3 ? s3[p] : 0;
            d[4] = rows > 4 ? s4[p] : 0;
            d[5] = rows > 5 ? s5[p] : 0;
        }
    }

    /// <summary>
    /// dst[p * w + j] = src[j * ld + p] for j &lt; rows rounded down to 4 and p &lt; kc rounded down to 4: the
    /// whole 4 x 4 blocks; returns how many source rows it covered (the caller finishes the rest).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Blocks(float* src, int ld, int rows, int kc, float* dst, int w)
    {
        int j = 0;
        for (; j <= rows - 4; j += 4)
        {
            float* s = src + ((nint)j * ld);
            float* d = dst + j;
            for (int p = 0; p <= kc - 4; p += 4)
            {
                Transpose4x4(
                    Vector128.Load(s + p), Vector128.Load(s + ld + p), Vector128.Load(s + (2 * (nint)ld) + p), Vector128.Load(s + (3 * (nint)ld) + p),
                    out var c0, out var c1, out var c2, out var c3);
                float* o = d + ((nint)p * w);
                c0.Store(o);
                c1.Store(o + w);
                c2.Store(o + (2 * (nint)w));
                c3.Store(o + (3 * (nint)w));
            }
        }

        return j;
    }

    /// <summary>As the float <see cref="Blocks(float*, int, int, int, float*, int)"/> with 2 x 2 blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Blocks(double* src, int ld, int rows, int kc, double* dst, int w)
    {
        int j = 0;
        for (; j <= rows - 2; j += 2)
        {
            double* s = src + ((nint)j * ld);
            double* d = dst + j;
            for (int p = 0; p <= kc - 2; p += 2)
            {
                Vector128<double> r0 = Vector128.Load(s + p);
                Vector128<double> r1 = Vector128.Load(s + ld + p);
                double* o = d + ((nint)p * w);
                VectorZip.Low(r0, r1).Store(o);
                VectorZip.High(r0, r1).Store(o + w);
            }
        }

        return j;
    }

    /// <summary>Columns c0..c3 of the 4 x 4 block whose rows are r0..r3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(
        Vector128<float> r0, Vector128<float> r1, Vector128<float> r2, Vector128<float> r3,
        out Vector128<float> c0, out Vector128<float> c1, out Vector128<float> c2, out Vector128<float> c3)
    {
        Vector128<double> t0 = VectorZip.Low(r0, r1).AsDouble(); // r0[0] r1[0] | r0[1] r1[1]
        Vector128<double> t1 = VectorZip.High(r0, r1).AsDouble(); // r0[2] r1[2] | r0[3] r1[3]
        Vector128<double> t2 = VectorZip.Low(r2, r3).AsDouble();
        Vector128<double> t3 = VectorZip.High(r2, r3).AsDouble();
        c0 = VectorZip.Low(t0, t2).AsSingle();
        c1 = VectorZip.High(t0, t2).AsSingle();
        c2 = VectorZip.Low(t1, t3).AsSingle();
        c3 = VectorZip.High(t1, t3).AsSingle();
    }
}
