using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The float edge kernel for a last panel of at most 4 columns (n = 100 leaves 4 after 3 x 32). Each 8 x 4 tile
/// is held as two Vector512 of 4 rows x 4 columns (lane <c>4 j + r</c> = row r, column j): A's 4 rows are one
/// 128-bit broadcast load and B's panel is packed pre-expanded (each value 4 times, 16 floats per k, see
/// <see cref="GemmPacking.DirectExpanded{T}"/>), so the loop needs no shuffles. Four 8-row A panels are computed
/// together so that eight independent FMA chains hide the FMA latency while each element is still one
/// sequential FMA chain over k: the bits equal those of the 16-wide narrow kernel it replaces, at a quarter of
/// the FMAs.
/// </summary>
internal static unsafe class GemmEdgeKernel512
{
    /// <summary>Logical columns of the edge panel.</summary>
    public const int Columns = 4;

    /// <summary>8-row A panels computed per call.</summary>
    public const int Panels = 4;

    /// <summary>
    /// Computes rows [0, rows) (at most 32, i.e. four A panels <paramref name="panelStride"/> apart) by
    /// cols (at most 4) of C.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, int panelStride, float* b, float* c, int ldc, int rows, int cols, in GemmEpilogue<float> epilogue, float* bias, float* scratch)
    {
        // Missing panels of a short group recompute panel 0 (discarded) rather than branch in the loop.
        int panels = (rows + 7) / 8;
        float* a0 = a;
        float* a1 = panels > 1 ? a + panelStride : a;
        float* a2 = panels > 2 ? a + (2 * (nint)panelStride) : a;
        float* a3 = panels > 3 ? a + (3 * (nint)panelStride) : a;
        var lo0 = Vector512<float>.Zero;
        var hi0 = Vector512<float>.Zero;
        var lo1 = Vector512<float>.Zero;
        var hi1 = Vector512<float>.Zero;
        var lo2 = Vector512<float>.Zero;
        var hi2 = Vector512<float>.Zero;
        var lo3 = Vector512<float>.Zero;
        var hi3 = Vector512<float>.Zero;
        for (nint p = 0; p < kc; p++)
        {
            var bp = Vector512.Load(b + (p * 16));
            nint o = p * 8;
            lo0 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a0 + o), bp, lo0);
            hi0 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a0 + o + 4), bp, hi0);
            lo1 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a1 + o), bp, lo1);
            hi1 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a1 + o + 4), bp, hi1);
            lo2 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a2 + o), bp, lo2);
            hi2 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a2 + o + 4), bp, hi2);
            lo3 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a3 + o), bp, lo3);
            hi3 = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector128ToVector512(a3 + o + 4), bp, hi3);
        }

        // scratch holds 8 vectors of 4 rows each: rows 4q..4q+3 in vector q.
        lo0.Store(scratch);
        hi0.Store(scratch + 16);
        lo1.Store(scratch + 32);
        hi1.Store(scratch + 48);
        lo2.Store(scratch + 64);
        hi2.Store(scratch + 80);
        lo3.Store(scratch + 96);
        hi3.Store(scratch + 112);
        for (int r = 0; r < rows; r++)
        {
            float* src = scratch + ((r >> 2) * 16) + (r & 3);
            float* dst = c + ((nint)r * ldc);
            for (int j = 0; j < cols; j++)
            {
                epilogue.Store(src[4 * j], dst + j, bias == null ? null : bias + j);
            }
        }
    }
}
