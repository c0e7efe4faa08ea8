using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// Micro-kernel for 16 vector registers (AVX2 without AVX-512): 6 rows x 2 Vector256 (6 x 16 floats),
/// 12 accumulators + 2 B vectors + 1 broadcast = 15 registers, so nothing spills. Every panel is full width:
/// narrow and edge variants measured no end-to-end gain (docs/benchmarks.md).
/// </summary>
internal readonly unsafe struct GemmKernel256<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Mr = 6;

    /// <inheritdoc/>
    public static int Rows => Mr;

    /// <inheritdoc/>
    public static int Columns => 2 * Vector256<T>.Count;

    /// <inheritdoc/>
    /// <remarks>6 x 2 vectors of accumulators, one broadcast of A per row and k.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, int width, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch)
    {
        int v = Vector256<T>.Count;
        var c00 = Vector256<T>.Zero;
        var c01 = Vector256<T>.Zero;
        var c10 = Vector256<T>.Zero;
        var c11 = Vector256<T>.Zero;
        var c20 = Vector256<T>.Zero;
        var c21 = Vector256<T>.Zero;
        var c30 = Vector256<T>.Zero;
        var c31 = Vector256<T>.Zero;
        var c40 = Vector256<T>.Zero;
        var c41 = Vector256<T>.Zero;
        var c50 = Vector256<T>.Zero;
        var c51 = Vector256<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + v);
            var a0 = Vector256.Create(a[0]);
            c00 = VectorFma.MultiplyAdd(a0, b0, c00);
            c01 = VectorFma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = VectorFma.MultiplyAdd(a1, b0, c10);
            c11 = VectorFma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = VectorFma.MultiplyAdd(a2, b0, c20);
            c21 = VectorFma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = VectorFma.MultiplyAdd(a3, b0, c30);
            c31 = VectorFma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = VectorFma.MultiplyAdd(a4, b0, c40);
            c41 = VectorFma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = VectorFma.MultiplyAdd(a5, b0, c50);
            c51 = VectorFma.MultiplyAdd(a5, b1, c51);
            a += Mr;
            b += 2 * v;
        }

        if (rows == Mr && cols == 2 * v)
        {
            T* bias1 = bias == null ? null : bias + v;
            epilogue.Store(c00, c + (0 * ldc), bias);
            epilogue.Store(c01, c + (0 * ldc) + v, bias1);
            epilogue.Store(c10, c + (1 * ldc), bias);
            epilogue.Store(c11, c + (1 * ldc) + v, bias1);
            epilogue.Store(c20, c + (2 * ldc), bias);
            epilogue.Store(c21, c + (2 * ldc) + v, bias1);
            epilogue.Store(c30, c + (3 * ldc), bias);
            epilogue.Store(c31, c + (3 * ldc) + v, bias1);
            epilogue.Store(c40, c + (4 * ldc), bias);
            epilogue.Store(c41, c + (4 * ldc) + v, bias1);
            epilogue.Store(c50, c + (5 * ldc), bias);
            epilogue.Store(c51, c + (5 * ldc) + v, bias1);
        }
        else
        {
            int s = 2 * v;
            c00.Store(scratch + (0 * s));
            c01.Store(scratch + (0 * s) + v);
            c10.Store(scratch + (1 * s));
            c11.Store(scratch + (1 * s) + v);
            c20.Store(scratch + (2 * s));
            c21.Store(scratch + (2 * s) + v);
            c30.Store(scratch + (3 * s));
            c31.Store(scratch + (3 * s) + v);
            c40.Store(scratch + (4 * s));
            c41.Store(scratch + (4 * s) + v);
            c50.Store(scratch + (5 * s));
            c51.Store(scratch + (5 * s) + v);
            epilogue.StoreTile(scratch, s, c, ldc, rows, cols, bias);
        }
    }

}
