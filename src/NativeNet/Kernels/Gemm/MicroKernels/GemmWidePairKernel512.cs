using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The float kernel for a last panel of 49-50 columns (n = 50): the 8 x 48 three-vector kernel plus the 8 x 2
/// corner in one more accumulator, whose lane <c>8 j + r</c> is row r, column 48 + j. The corner's B values are
/// packed pre-expanded (each 8 times, see <see cref="GemmPacking.PairExpanded"/>) and A's 8 rows at k are one
/// 256-bit load broadcast to both halves (as 4 doubles: the same bits, and plain AVX-512F), so the 2 columns cost 1 FMA per k instead of a second pass over A by
/// the edge kernel. Every element is still one sequential FMA chain over k: bit-identical to the other kernels.
/// </summary>
internal static unsafe class GemmWidePairKernel512
{
    /// <summary>Columns of the three-vector part.</summary>
    public const int WideColumns = 48;

    /// <summary>Logical columns of the whole panel: the wide part plus the 2 expanded corner columns.</summary>
    public const int Columns = WideColumns + 2;

    /// <summary>Packed floats per k: 48 values of B, then 16 for the expanded corner.</summary>
    public const int Stride = WideColumns + 16;

    /// <summary>Computes rows [0, rows) (at most 8) by cols (49-50) of C; scratch holds at least 8 x 50 floats.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, int ldc, int rows, int cols, in GemmEpilogue<float> epilogue, float* bias, float* scratch)
    {
        var c00 = Vector512<float>.Zero;
        var c01 = Vector512<float>.Zero;
        var c02 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero;
        var c11 = Vector512<float>.Zero;
        var c12 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero;
        var c21 = Vector512<float>.Zero;
        var c22 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero;
        var c31 = Vector512<float>.Zero;
        var c32 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero;
        var c41 = Vector512<float>.Zero;
        var c42 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero;
        var c51 = Vector512<float>.Zero;
        var c52 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero;
        var c61 = Vector512<float>.Zero;
        var c62 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero;
        var c71 = Vector512<float>.Zero;
        var c72 = Vector512<float>.Zero;
        var e = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var b2 = Vector512.Load(b + 32);
            e = Vector512.FusedMultiplyAdd(Avx512F.BroadcastVector256ToVector512((double*)a).AsSingle(), Vector512.Load(b + 48), e);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(a0, b2, c02);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(a2, b2, c22);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(a3, b2, c32);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            c42 = Vector512.FusedMultiplyAdd(a4, b2, c42);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            c52 = Vector512.FusedMultiplyAdd(a5, b2, c52);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            c62 = Vector512.FusedMultiplyAdd(a6, b2, c62);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            c72 = Vector512.FusedMultiplyAdd(a7, b2, c72);
            a += 8;
            b += Stride;
        }

        float* corner = scratch + (8 * WideColumns);
        e.Store(corner);
        if (rows == 8)
        {
            float* bias1 = bias == null ? null : bias + 16;
            float* bias2 = bias == null ? null : bias + 32;
            epilogue.Store(c00, c + (0 * ldc), bias);
            epilogue.Store(c01, c + (0 * ldc) + 16, bias1);
            epilogue.Store(c02, c + (0 * ldc) + 32, bias2);
            epilogue.Store(c10, c + (1 * ldc), bias);
            epilogue.Store(c11, c + (1 * ldc) + 16, bias1);
            epilogue.Store(c12, c + (1 * ldc) + 32, bias2);
            epilogue.Store(c20, c + (2 * ldc), bias);
            epilogue.Store(c21, c + (2 * ldc) + 16, bias1);
            epilogue.Store(c22, c + (2 * ldc) + 32, bias2);
            epilogue.Store(c30, c + (3 * ldc), bias);
            epilogue.Store(c31, c + (3 * ldc) + 16, bias1);
            epilogue.Store(c32, c + (3 * ldc) + 32, bias2);
            epilogue.Store(c40, c + (4 * ldc), bias);
            epilogue.Store(c41, c + (4 * ldc) + 16, bias1);
            epilogue.Store(c42, c + (4 * ldc) + 32, bias2);
            epilogue.Store(c50, c + (5 * ldc), bias);
            epilogue.Store(c51, c + (5 * ldc) + 16, bias1);
            epilogue.Store(c52, c + (5 * ldc) + 32, bias2);
            epilogue.Store(c60, c + (6 * ldc), bias);
            epilogue.Store(c61, c + (6 * ldc) + 16, bias1);
            epilogue.Store(c62, c + (6 * ldc) + 32, bias2);
            epilogue.Store(c70, c + (7 * ldc), bias);
            epilogue.Store(c71, c + (7 * ldc) + 16, bias1);
            epilogue.Store(c72, c + (7 * ldc) + 32, bias2);
        }
        else
        {
            c00.Store(scratch + (0 * 48));
            c01.Store(scratch + (0 * 48) + 16);
            c02.Store(scratch + (0 * 48) + 32);
            c10.Store(scratch + (1 * 48));
            c11.Store(scratch + (1 * 48) + 16);
            c12.Store(scratch + (1 * 48) + 32);
            c20.Store(scratch + (2 * 48));
            c21.Store(scratch + (2 * 48) + 16);
            c22.Store(scratch + (2 * 48) + 32);
            c30.Store(scratch + (3 * 48));
            c31.Store(scratch + (3 * 48) + 16);
            c32.Store(scratch + (3 * 48) + 32);
            c40.Store(scratch + (4 * 48));
            c41.Store(scratch + (4 * 48) + 16);
            c42.Store(scratch + (4 * 48) + 32);
            c50.Store(scratch + (5 * 48));
            c51.Store(scratch + (5 * 48) + 16);
            c52.Store(scratch + (5 * 48) + 32);
            c60.Store(scratch + (6 * 48));
            c61.Store(scratch + (6 * 48) + 16);
            c62.Store(scratch + (6 * 48) + 32);
            c70.Store(scratch + (7 * 48));
            c71.Store(scratch + (7 * 48) + 16);
            c72.Store(scratch + (7 * 48) + 32);
            epilogue.StoreTile(scratch, WideColumns, c, ldc, rows, WideColumns, bias);
        }

        for (int j = 0; j < cols - WideColumns; j++)
        {
            float* biasJ = bias == null ? null : bias + WideColumns + j;
            for (int r = 0; r < rows; r++)
            {
                epilogue.Store(corner[(8 * j) + r], c + ((nint)r * ldc) + WideColumns + j, biasJ);
            }
        }
    }
}
