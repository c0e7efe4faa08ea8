using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The Vector256 float edge kernel for a last panel of at most 4 columns (n = 100 leaves 4 after 6 x 16, n = 50
/// leaves 2). Each 6 x 4 tile is held as three Vector256 of 2 rows x 4 columns (lane <c>2 j + r</c> = row r of the
/// pair, column j): a row pair of the packed A panel is one 64-bit broadcast load and B's panel is packed
/// pre-expanded (each value twice, 8 floats per k, see <see cref="PackDirect{T}"/>), so the loop
/// needs no shuffles and does half the FMAs of the 8-wide narrow kernel it replaces. Four 6-row A panels are
/// computed together (12 accumulators of the 16 registers) to hide the FMA latency; every element is still one
/// sequential FMA chain over k, so the bits equal those of the narrow kernel.
/// </summary>
internal static unsafe class GemmEdgeKernel256
{
    /// <summary>Logical columns of the edge panel.</summary>
    public const int Columns = 4;

    /// <summary>Copies of each B value in the expanded panel (one per row of a pair).</summary>
    public const int Copies = 2;

    /// <summary>6-row A panels computed per call.</summary>
    public const int Panels = 4;

    private const int Mr = 6;

    /// <summary>
    /// Computes rows [0, rows) (at most 24, i.e. four A panels <paramref name="panelStride"/> apart) by
    /// cols (at most 4) of C.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, int panelStride, float* b, float* c, int ldc, int rows, int cols, in GemmEpilogue<float> epilogue, float* bias, float* scratch)
    {
        // Missing panels of a short group recompute panel 0 (discarded) rather than branch in the loop.
        int panels = (rows + Mr - 1) / Mr;
        float* a0 = a;
        float* a1 = panels > 1 ? a + panelStride : a;
        float* a2 = panels > 2 ? a + (2 * (nint)panelStride) : a;
        float* a3 = panels > 3 ? a + (3 * (nint)panelStride) : a;
        var x00 = Vector256<float>.Zero;
        var x01 = Vector256<float>.Zero;
        var x02 = Vector256<float>.Zero;
        var x10 = Vector256<float>.Zero;
        var x11 = Vector256<float>.Zero;
        var x12 = Vector256<float>.Zero;
        var x20 = Vector256<float>.Zero;
        var x21 = Vector256<float>.Zero;
        var x22 = Vector256<float>.Zero;
        var x30 = Vector256<float>.Zero;
        var x31 = Vector256<float>.Zero;
        var x32 = Vector256<float>.Zero;
        for (nint p = 0; p < kc; p++)
        {
            var bp = Vector256.Load(b + (p * 8));
            nint o = p * Mr;
            x00 = Vector256.FusedMultiplyAdd(Pair(a0 + o), bp, x00);
            x01 = Vector256.FusedMultiplyAdd(Pair(a0 + o + 2), bp, x01);
            x02 = Vector256.FusedMultiplyAdd(Pair(a0 + o + 4), bp, x02);
            x10 = Vector256.FusedMultiplyAdd(Pair(a1 + o), bp, x10);
            x11 = Vector256.FusedMultiplyAdd(Pair(a1 + o + 2), bp, x11);
            x12 = Vector256.FusedMultiplyAdd(Pair(a1 + o + 4), bp, x12);
            x20 = Vector256.FusedMultiplyAdd(Pair(a2 + o), bp, x20);
            x21 = Vector256.FusedMultiplyAdd(Pair(a2 + o + 2), bp, x21);
            x22 = Vector256.FusedMultiplyAdd(Pair(a2 + o + 4), bp, x22);
            x30 = Vector256.FusedMultiplyAdd(Pair(a3 + o), bp, x30);
            x31 = Vector256.FusedMultiplyAdd(Pair(a3 + o + 2), bp, x31);
            x32 = Vector256.FusedMultiplyAdd(Pair(a3 + o + 4), bp, x32);
        }

        // scratch holds 12 vectors of one row pair each: rows 2q, 2q + 1 in vector q.
        x00.Store(scratch);
        x01.Store(scratch + 8);
        x02.Store(scratch + 16);
        x10.Store(scratch + 24);
        x11.Store(scratch + 32);
        x12.Store(scratch + 40);
        x20.Store(scratch + 48);
        x21.Store(scratch + 56);
        x22.Store(scratch + 64);
        x30.Store(scratch + 72);
        x31.Store(scratch + 80);
        x32.Store(scratch + 88);
        for (int r = 0; r < rows; r++)
        {
            float* src = scratch + ((r >> 1) * 8) + (r & 1);
            float* dst = c + ((nint)r * ldc);
            for (int j = 0; j < cols; j++)
            {
                epilogue.Store(src[2 * j], dst + j, bias == null ? null : bias + j);
            }
        }
    }

    /// <summary>
    /// The expanded edge panel: dst[p * 8 + 2 j + r] = src[p * ld + j] for r &lt; 2 and j &lt; cols (each value
    /// repeated twice), 0 for cols &lt;= j &lt; 4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackDirect<T>(T* src, int ld, int cols, int kc, T* dst)
        where T : unmanaged, INumberBase<T>
    {
        for (int p = 0; p < kc; p++)
        {
            T* s = src + ((nint)p * ld);
            T* d = dst + ((nint)p * 8);
            for (int j = 0; j < Columns; j++)
            {
                T value = j < cols ? s[j] : T.Zero;
                d[2 * j] = value;
                d[(2 * j) + 1] = value;
            }
        }
    }

    /// <summary>Like <see cref="PackDirect{T}"/> with the panel's columns stored as source rows: value (p, j) = src[j * ld + p].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackTransposed<T>(T* src, int ld, int cols, int kc, T* dst)
        where T : unmanaged, INumberBase<T>
    {
        for (int p = 0; p < kc; p++)
        {
            T* d = dst + ((nint)p * 8);
            for (int j = 0; j < Columns; j++)
            {
                T value = j < cols ? src[((nint)j * ld) + p] : T.Zero;
                d[2 * j] = value;
                d[(2 * j) + 1] = value;
            }
        }
    }

    /// <summary>The two floats at <paramref name="rows"/> repeated 4 times (one 64-bit broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pair(float* rows) => Vector256.Create(*(double*)rows).AsSingle();
}
