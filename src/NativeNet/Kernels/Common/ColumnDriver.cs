using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The one loop behind the column reductions of a row-major <c>rows×cols</c> matrix:
/// <c>destination[j] = (accumulate ? destination[j] : 0) + Σᵢ op(x[i, j], center[j])</c>.
/// </summary>
/// <remarks>
/// Vectorised across columns with the widest accelerated width that fits the row (<see cref="VectorPath.For{T}(nuint)"/>):
/// a block of four vectors of columns keeps its accumulators in registers
/// while it walks down all rows, so every element is read once, in row order within the block. The sum
/// runs in the element type, in row order, so its rounding error grows like rows·ε; fine for batch
/// sizes up to a few thousand rows in float. Columns that do not fill a vector are covered by one last
/// block ending at the final column, computed before any store (it reads destination when accumulating).
/// Callers validate the spans.
/// </remarks>
internal static class ColumnDriver
{
    /// <summary>Runs the reduction; an empty <paramref name="center"/> means a zero center.</summary>
    public static void Run<T, TOp>(ReadOnlySpan<T> x, int rows, int cols, ReadOnlySpan<T> center, Span<T> destination, bool accumulate, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        bool hasCenter = !center.IsEmpty;
        ref T cr = ref MemoryMarshal.GetReference(center);
        nuint n = (nuint)rows;
        nuint m = (nuint)cols;

        switch (VectorPath.For<T>(m))
        {
            case KernelPath.Vector512:
                Columns512(ref xr, n, m, hasCenter, ref cr, ref dr, accumulate, op);
                break;
            case KernelPath.Vector256:
                Columns256(ref xr, n, m, hasCenter, ref cr, ref dr, accumulate, op);
                break;
            case KernelPath.Vector128:
                Columns128(ref xr, n, m, hasCenter, ref cr, ref dr, accumulate, op);
                break;
            default:
                ColumnsScalar(ref xr, n, m, hasCenter, ref cr, ref dr, accumulate, op);
                break;
        }
    }

    // Each width is its own method so that each gets its own JIT inlining budget; requires m >= Vector512<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns512<T, TOp>(ref T xr, nuint n, nuint m, bool hasCenter, ref T cr, ref T dr, bool accumulate, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        nuint c = (nuint)Vector512<T>.Count;
        Vector512<T> last = Column512(ref xr, n, m, m - c, Center512(hasCenter, ref cr, m - c), op);
        if (accumulate)
        {
            last += Vector512.LoadUnsafe(ref dr, m - c);
        }

        nuint j = 0;
        for (; VectorLoop.Fits(j, 4 * c, m); j = VectorLoop.Next(j, 4 * c))
        {
            Vector512<T> c0 = Center512(hasCenter, ref cr, j);
            Vector512<T> c1 = Center512(hasCenter, ref cr, j + c);
            Vector512<T> c2 = Center512(hasCenter, ref cr, j + (2 * c));
            Vector512<T> c3 = Center512(hasCenter, ref cr, j + (3 * c));
            Vector512<T> a0 = Vector512<T>.Zero, a1 = Vector512<T>.Zero, a2 = Vector512<T>.Zero, a3 = Vector512<T>.Zero;
            for (nuint i = 0; i < n; i++)
            {
                ref T row = ref Unsafe.Add(ref xr, (i * m) + j);
                a0 = op.Accumulate(a0, Vector512.LoadUnsafe(ref row), c0);
                a1 = op.Accumulate(a1, Vector512.LoadUnsafe(ref row, c), c1);
                a2 = op.Accumulate(a2, Vector512.LoadUnsafe(ref row, 2 * c), c2);
                a3 = op.Accumulate(a3, Vector512.LoadUnsafe(ref row, 3 * c), c3);
            }

            if (accumulate)
            {
                a0 += Vector512.LoadUnsafe(ref dr, j);
                a1 += Vector512.LoadUnsafe(ref dr, j + c);
                a2 += Vector512.LoadUnsafe(ref dr, j + (2 * c));
                a3 += Vector512.LoadUnsafe(ref dr, j + (3 * c));
            }

            a0.StoreUnsafe(ref dr, j);
            a1.StoreUnsafe(ref dr, j + c);
            a2.StoreUnsafe(ref dr, j + (2 * c));
            a3.StoreUnsafe(ref dr, j + (3 * c));
        }

        for (; VectorLoop.Fits(j, c, m); j = VectorLoop.Next(j, c))
        {
            Vector512<T> a = Column512(ref xr, n, m, j, Center512(hasCenter, ref cr, j), op);
            if (accumulate)
            {
                a += Vector512.LoadUnsafe(ref dr, j);
            }

            a.StoreUnsafe(ref dr, j);
        }

        last.StoreUnsafe(ref dr, m - c);
    }

    // See Columns512; requires m >= Vector256<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns256<T, TOp>(ref T xr, nuint n, nuint m, bool hasCenter, ref T cr, ref T dr, bool accumulate, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        nuint c = (nuint)Vector256<T>.Count;
        Vector256<T> last = Column256(ref xr, n, m, m - c, Center256(hasCenter, ref cr, m - c), op);
        if (accumulate)
        {
            last += Vector256.LoadUnsafe(ref dr, m - c);
        }

        nuint j = 0;
        for (; VectorLoop.Fits(j, 4 * c, m); j = VectorLoop.Next(j, 4 * c))
        {
            Vector256<T> c0 = Center256(hasCenter, ref cr, j);
            Vector256<T> c1 = Center256(hasCenter, ref cr, j + c);
            Vector256<T> c2 = Center256(hasCenter, ref cr, j + (2 * c));
            Vector256<T> c3 = Center256(hasCenter, ref cr, j + (3 * c));
            Vector256<T> a0 = Vector256<T>.Zero, a1 = Vector256<T>.Zero, a2 = Vector256<T>.Zero, a3 = Vector256<T>.Zero;
            for (nuint i = 0; i < n; i++)
            {
                ref T row = ref Unsafe.Add(ref xr, (i * m) + j);
                a0 = op.Accumulate(a0, Vector256.LoadUnsafe(ref row), c0);
                a1 = op.Accumulate(a1, Vector256.LoadUnsafe(ref row, c), c1);
                a2 = op.Accumulate(a2, Vector256.LoadUnsafe(ref row, 2 * c), c2);
                a3 = op.Accumulate(a3, Vector256.LoadUnsafe(ref row, 3 * c), c3);
            }

            if (accumulate)
            {
                a0 += Vector256.LoadUnsafe(ref dr, j);
                a1 += Vector256.LoadUnsafe(ref dr, j + c);
                a2 += Vector256.LoadUnsafe(ref dr, j + (2 * c));
                a3 += Vector256.LoadUnsafe(ref dr, j + (3 * c));
            }

            a0.StoreUnsafe(ref dr, j);
            a1.StoreUnsafe(ref dr, j + c);
            a2.StoreUnsafe(ref dr, j + (2 * c));
            a3.StoreUnsafe(ref dr, j + (3 * c));
        }

        for (; VectorLoop.Fits(j, c, m); j = VectorLoop.Next(j, c))
        {
            Vector256<T> a = Column256(ref xr, n, m, j, Center256(hasCenter, ref cr, j), op);
            if (accumulate)
            {
                a += Vector256.LoadUnsafe(ref dr, j);
            }

            a.StoreUnsafe(ref dr, j);
        }

        last.StoreUnsafe(ref dr, m - c);
    }

    // See Columns512; requires m >= Vector128<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns128<T, TOp>(ref T xr, nuint n, nuint m, bool hasCenter, ref T cr, ref T dr, bool accumulate, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        nuint c = (nuint)Vector128<T>.Count;
        Vector128<T> last = Column128(ref xr, n, m, m - c, Center128(hasCenter, ref cr, m - c), op);
        if (accumulate)
        {
            last += Vector128.LoadUnsafe(ref dr, m - c);
        }

        nuint j = 0;
        for (; VectorLoop.Fits(j, 4 * c, m); j = VectorLoop.Next(j, 4 * c))
        {
            Vector128<T> c0 = Center128(hasCenter, ref cr, j);
            Vector128<T> c1 = Center128(hasCenter, ref cr, j + c);
            Vector128<T> c2 = Center128(hasCenter, ref cr, j + (2 * c));
            Vector128<T> c3 = Center128(hasCenter, ref cr, j + (3 * c));
            Vector128<T> a0 = Vector128<T>.Zero, a1 = Vector128<T>.Zero, a2 = Vector128<T>.Zero, a3 = Vector128<T>.Zero;
            for (nuint i = 0; i < n; i++)
            {
                ref T row = ref Unsafe.Add(ref xr, (i * m) + j);
                a0 = op.Accumulate(a0, Vector128.LoadUnsafe(ref row), c0);
                a1 = op.Accumulate(a1, Vector128.LoadUnsafe(ref row, c), c1);
                a2 = op.Accumulate(a2, Vector128.LoadUnsafe(ref row, 2 * c), c2);
                a3 = op.Accumulate(a3, Vector128.LoadUnsafe(ref row, 3 * c), c3);
            }

            if (accumulate)
            {
                a0 += Vector128.LoadUnsafe(ref dr, j);
                a1 += Vector128.LoadUnsafe(ref dr, j + c);
                a2 += Vector128.LoadUnsafe(ref dr, j + (2 * c));
                a3 += Vector128.LoadUnsafe(ref dr, j + (3 * c));
            }

            a0.StoreUnsafe(ref dr, j);
            a1.StoreUnsafe(ref dr, j + c);
            a2.StoreUnsafe(ref dr, j + (2 * c));
            a3.StoreUnsafe(ref dr, j + (3 * c));
        }

        for (; VectorLoop.Fits(j, c, m); j = VectorLoop.Next(j, c))
        {
            Vector128<T> a = Column128(ref xr, n, m, j, Center128(hasCenter, ref cr, j), op);
            if (accumulate)
            {
                a += Vector128.LoadUnsafe(ref dr, j);
            }

            a.StoreUnsafe(ref dr, j);
        }

        last.StoreUnsafe(ref dr, m - c);
    }

    // Narrow matrices and machines without accelerated vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnsScalar<T, TOp>(ref T xr, nuint n, nuint m, bool hasCenter, ref T cr, ref T dr, bool accumulate, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        for (nuint j = 0; j < m; j++)
        {
            T centerJ = hasCenter ? Unsafe.Add(ref cr, j) : T.Zero;
            T acc = T.Zero;
            for (nuint i = 0; i < n; i++)
            {
                acc = op.Accumulate(acc, Unsafe.Add(ref xr, (i * m) + j), centerJ);
            }

            Unsafe.Add(ref dr, j) = accumulate ? Unsafe.Add(ref dr, j) + acc : acc;
        }
    }

    private static Vector512<T> Column512<T, TOp>(ref T x, nuint rows, nuint cols, nuint j, Vector512<T> center, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        Vector512<T> acc = Vector512<T>.Zero;
        for (nuint i = 0; i < rows; i++)
        {
            acc = op.Accumulate(acc, Vector512.LoadUnsafe(ref x, (i * cols) + j), center);
        }

        return acc;
    }

    private static Vector256<T> Column256<T, TOp>(ref T x, nuint rows, nuint cols, nuint j, Vector256<T> center, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        Vector256<T> acc = Vector256<T>.Zero;
        for (nuint i = 0; i < rows; i++)
        {
            acc = op.Accumulate(acc, Vector256.LoadUnsafe(ref x, (i * cols) + j), center);
        }

        return acc;
    }

    private static Vector128<T> Column128<T, TOp>(ref T x, nuint rows, nuint cols, nuint j, Vector128<T> center, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IColumnAccumulator<T>
    {
        Vector128<T> acc = Vector128<T>.Zero;
        for (nuint i = 0; i < rows; i++)
        {
            acc = op.Accumulate(acc, Vector128.LoadUnsafe(ref x, (i * cols) + j), center);
        }

        return acc;
    }

    private static Vector512<T> Center512<T>(bool hasCenter, ref T center, nuint j)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        hasCenter ? Vector512.LoadUnsafe(ref center, j) : Vector512<T>.Zero;

    private static Vector256<T> Center256<T>(bool hasCenter, ref T center, nuint j)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        hasCenter ? Vector256.LoadUnsafe(ref center, j) : Vector256<T>.Zero;

    private static Vector128<T> Center128<T>(bool hasCenter, ref T center, nuint j)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        hasCenter ? Vector128.LoadUnsafe(ref center, j) : Vector128<T>.Zero;
}
