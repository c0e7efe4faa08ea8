using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <content>
/// The 8 x 3 vector kernel (8 x 48 floats, 8 x 24 doubles): 24 accumulators + 3 B vectors + 1 broadcast fill 28 of
/// the 32 registers, and each broadcast of A feeds 3 FMAs instead of 2. It serves panels where 32 + 16 would
/// leave the slow one-vector panel (n = 50 = 48 + 2, n = 784 = 16 x 48 + 16): each C element is still one
/// sequential FMA chain over k, so the bits equal those of the 2- and 1-vector kernels.
/// </content>
internal readonly unsafe partial struct GemmKernel512<T>
{
    /// <inheritdoc/>
    public static int WideColumns => 3 * Vector512<T>.Count;

    /// <summary>8 x 3 vectors of accumulators, one broadcast of A per row and k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide3(int kc, T* a, T* b, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch)
    {
        int v = Vector512<T>.Count;
        var c00 = Vector512<T>.Zero;
        var c01 = Vector512<T>.Zero;
        var c02 = Vector512<T>.Zero;
        var c10 = Vector512<T>.Zero;
        var c11 = Vector512<T>.Zero;
        var c12 = Vector512<T>.Zero;
        var c20 = Vector512<T>.Zero;
        var c21 = Vector512<T>.Zero;
        var c22 = Vector512<T>.Zero;
        var c30 = Vector512<T>.Zero;
        var c31 = Vector512<T>.Zero;
        var c32 = Vector512<T>.Zero;
        var c40 = Vector512<T>.Zero;
        var c41 = Vector512<T>.Zero;
        var c42 = Vector512<T>.Zero;
        var c50 = Vector512<T>.Zero;
        var c51 = Vector512<T>.Zero;
        var c52 = Vector512<T>.Zero;
        var c60 = Vector512<T>.Zero;
        var c61 = Vector512<T>.Zero;
        var c62 = Vector512<T>.Zero;
        var c70 = Vector512<T>.Zero;
        var c71 = Vector512<T>.Zero;
        var c72 = Vector512<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + v);
            var b2 = Vector512.Load(b + (2 * v));
            var a0 = Vector512.Create(a[0]);
            c00 = VectorFma.MultiplyAdd(a0, b0, c00);
            c01 = VectorFma.MultiplyAdd(a0, b1, c01);
            c02 = VectorFma.MultiplyAdd(a0, b2, c02);
            var a1 = Vector512.Create(a[1]);
            c10 = VectorFma.MultiplyAdd(a1, b0, c10);
            c11 = VectorFma.MultiplyAdd(a1, b1, c11);
            c12 = VectorFma.MultiplyAdd(a1, b2, c12);
            var a2 = Vector512.Create(a[2]);
            c20 = VectorFma.MultiplyAdd(a2, b0, c20);
            c21 = VectorFma.MultiplyAdd(a2, b1, c21);
            c22 = VectorFma.MultiplyAdd(a2, b2, c22);
            var a3 = Vector512.Create(a[3]);
            c30 = VectorFma.MultiplyAdd(a3, b0, c30);
            c31 = VectorFma.MultiplyAdd(a3, b1, c31);
            c32 = VectorFma.MultiplyAdd(a3, b2, c32);
            var a4 = Vector512.Create(a[4]);
            c40 = VectorFma.MultiplyAdd(a4, b0, c40);
            c41 = VectorFma.MultiplyAdd(a4, b1, c41);
            c42 = VectorFma.MultiplyAdd(a4, b2, c42);
            var a5 = Vector512.Create(a[5]);
            c50 = VectorFma.MultiplyAdd(a5, b0, c50);
            c51 = VectorFma.MultiplyAdd(a5, b1, c51);
            c52 = VectorFma.MultiplyAdd(a5, b2, c52);
            var a6 = Vector512.Create(a[6]);
            c60 = VectorFma.MultiplyAdd(a6, b0, c60);
            c61 = VectorFma.MultiplyAdd(a6, b1, c61);
            c62 = VectorFma.MultiplyAdd(a6, b2, c62);
            var a7 = Vector512.Create(a[7]);
            c70 = VectorFma.MultiplyAdd(a7, b0, c70);
            c71 = VectorFma.MultiplyAdd(a7, b1, c71);
            c72 = VectorFma.MultiplyAdd(a7, b2, c72);
            a += Mr;
            b += 3 * v;
        }

        if (rows == Mr && cols == 3 * v)
        {
            T* bias1 = bias == null ? null : bias + v;
            T* bias2 = bias == null ? null : bias + (2 * v);
            epilogue.Store(c00, c + (0 * ldc), bias);
            epilogue.Store(c01, c + (0 * ldc) + v, bias1);
            epilogue.Store(c02, c + (0 * ldc) + (2 * v), bias2);
            epilogue.Store(c10, c + (1 * ldc), bias);
            epilogue.Store(c11, c + (1 * ldc) + v, bias1);
            epilogue.Store(c12, c + (1 * ldc) + (2 * v), bias2);
            epilogue.Store(c20, c + (2 * ldc), bias);
            epilogue.Store(c21, c + (2 * ldc) + v, bias1);
            epilogue.Store(c22, c + (2 * ldc) + (2 * v), bias2);
            epilogue.Store(c30, c + (3 * ldc), bias);
            epilogue.Store(c31, c + (3 * ldc) + v, bias1);
            epilogue.Store(c32, c + (3 * ldc) + (2 * v), bias2);
            epilogue.Store(c40, c + (4 * ldc), bias);
            epilogue.Store(c41, c + (4 * ldc) + v, bias1);
            epilogue.Store(c42, c + (4 * ldc) + (2 * v), bias2);
            epilogue.Store(c50, c + (5 * ldc), bias);
            epilogue.Store(c51, c + (5 * ldc) + v, bias1);
            epilogue.Store(c52, c + (5 * ldc) + (2 * v), bias2);
            epilogue.Store(c60, c + (6 * ldc), bias);
            epilogue.Store(c61, c + (6 * ldc) + v, bias1);
            epilogue.Store(c62, c + (6 * ldc) + (2 * v), bias2);
            epilogue.Store(c70, c + (7 * ldc), bias);
            epilogue.Store(c71, c + (7 * ldc) + v, bias1);
            epilogue.Store(c72, c + (7 * ldc) + (2 * v), bias2);
        }
        else
        {
            int s = 3 * v;
            c00.Store(scratch + (0 * s));
            c01.Store(scratch + (0 * s) + v);
            c02.Store(scratch + (0 * s) + (2 * v));
            c10.Store(scratch + (1 * s));
            c11.Store(scratch + (1 * s) + v);
            c12.Store(scratch + (1 * s) + (2 * v));
            c20.Store(scratch + (2 * s));
            c21.Store(scratch + (2 * s) + v);
            c22.Store(scratch + (2 * s) + (2 * v));
            c30.Store(scratch + (3 * s));
            c31.Store(scratch + (3 * s) + v);
            c32.Store(scratch + (3 * s) + (2 * v));
            c40.Store(scratch + (4 * s));
            c41.Store(scratch + (4 * s) + v);
            c42.Store(scratch + (4 * s) + (2 * v));
            c50.Store(scratch + (5 * s));
            c51.Store(scratch + (5 * s) + v);
            c52.Store(scratch + (5 * s) + (2 * v));
            c60.Store(scratch + (6 * s));
            c61.Store(scratch + (6 * s) + v);
            c62.Store(scratch + (6 * s) + (2 * v));
            c70.Store(scratch + (7 * s));
            c71.Store(scratch + (7 * s) + v);
            c72.Store(scratch + (7 * s) + (2 * v));
            epilogue.StoreTile(scratch, s, c, ldc, rows, cols, bias);
        }
    }
}
