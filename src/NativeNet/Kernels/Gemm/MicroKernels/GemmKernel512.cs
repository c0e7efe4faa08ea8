using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// Micro-kernel for 32 vector registers (AVX-512): 8 rows x 2 Vector512 (8 x 32 floats, 8 x 16 doubles),
/// 16 FMA accumulators; MR = 8 also matches the 8 x 8 transposes of the packing. For float two special panels earn
/// their place in end-to-end benchmarks (docs/benchmarks.md): the 8 x 4 edge kernel for a last panel of at most 4
/// columns (n = 100) and the 8 x (48 + 2) wide-pair kernel for a last 49-50 columns (n = 50).
/// </summary>
internal readonly unsafe struct GemmKernel512<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Mr = 8;

    /// <inheritdoc/>
    public static int Rows => Mr;

    /// <inheritdoc/>
    public static int Columns => 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    public static int WidePairColumns => typeof(T) == typeof(float) ? GemmWidePairKernel512.Columns : 0;

    /// <inheritdoc/>
    public static int WidePairMinColumns => typeof(T) == typeof(float) ? GemmWidePairKernel512.WideColumns + 1 : 0;

    /// <inheritdoc/>
    public static int EdgeColumns => typeof(T) == typeof(float) ? GemmEdgeKernel512.Columns : 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(
        int kc, T* a, T* b, int width, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch)
    {
        if (typeof(T) == typeof(float) && width == GemmWidePairKernel512.Columns)
        {
            GemmWidePairKernel512.Run(kc, (float*)a, (float*)b, (float*)c, ldc, rows, cols, Unsafe.As<GemmEpilogue<T>, GemmEpilogue<float>>(ref Unsafe.AsRef(in epilogue)), (float*)bias, (float*)scratch);
        }
        else
        {
            Full(kc, a, b, c, ldc, rows, cols, epilogue, bias, scratch);
        }
    }

    /// <inheritdoc/>
    public static int EdgeRows => typeof(T) == typeof(float) ? GemmEdgeKernel512.Panels * Mr : 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunEdge(
        int kc, T* a, int panelStride, T* b, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch)
    {
        if (typeof(T) != typeof(float))
        {
            throw new NotSupportedException("The edge kernel is float only.");
        }

        GemmEdgeKernel512.Run(kc, (float*)a, panelStride, (float*)b, (float*)c, ldc, rows, cols, Unsafe.As<GemmEpilogue<T>, GemmEpilogue<float>>(ref Unsafe.AsRef(in epilogue)), (float*)bias, (float*)scratch);
    }

    /// <summary>8 x 2 vector(s) of accumulators, one broadcast of A per row and k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Full(int kc, T* a, T* b, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch)
    {
        int v = Vector512<T>.Count;
        var c00 = Vector512<T>.Zero;
        var c01 = Vector512<T>.Zero;
        var c10 = Vector512<T>.Zero;
        var c11 = Vector512<T>.Zero;
        var c20 = Vector512<T>.Zero;
        var c21 = Vector512<T>.Zero;
        var c30 = Vector512<T>.Zero;
        var c31 = Vector512<T>.Zero;
        var c40 = Vector512<T>.Zero;
        var c41 = Vector512<T>.Zero;
        var c50 = Vector512<T>.Zero;
        var c51 = Vector512<T>.Zero;
        var c60 = Vector512<T>.Zero;
        var c61 = Vector512<T>.Zero;
        var c70 = Vector512<T>.Zero;
        var c71 = Vector512<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + v);
            var a0 = Vector512.Create(a[0]);
            c00 = VectorFma.MultiplyAdd(a0, b0, c00);
            c01 = VectorFma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = VectorFma.MultiplyAdd(a1, b0, c10);
            c11 = VectorFma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = VectorFma.MultiplyAdd(a2, b0, c20);
            c21 = VectorFma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = VectorFma.MultiplyAdd(a3, b0, c30);
            c31 = VectorFma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = VectorFma.MultiplyAdd(a4, b0, c40);
            c41 = VectorFma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = VectorFma.MultiplyAdd(a5, b0, c50);
            c51 = VectorFma.MultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = VectorFma.MultiplyAdd(a6, b0, c60);
            c61 = VectorFma.MultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = VectorFma.MultiplyAdd(a7, b0, c70);
            c71 = VectorFma.MultiplyAdd(a7, b1, c71);
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
            epilogue.Store(c60, c + (6 * ldc), bias);
            epilogue.Store(c61, c + (6 * ldc) + v, bias1);
            epilogue.Store(c70, c + (7 * ldc), bias);
            epilogue.Store(c71, c + (7 * ldc) + v, bias1);
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
            c60.Store(scratch + (6 * s));
            c61.Store(scratch + (6 * s) + v);
            c70.Store(scratch + (7 * s));
            c71.Store(scratch + (7 * s) + v);
            epilogue.StoreTile(scratch, s, c, ldc, rows, cols, bias);
        }
    }

}
