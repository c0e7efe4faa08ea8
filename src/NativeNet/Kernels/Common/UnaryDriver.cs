using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The one loop behind every element-wise kernel of one input: <c>destination[i] = op(x[i])</c>.
/// </summary>
/// <remarks>
/// Picks the widest accelerated width that fits the span (<see cref="VectorPath.For{T}(nuint)"/>: Vector512, Vector256, Vector128, else scalar), unrolls by two vectors (four spilled registers in exp-heavy operators: sigmoid ran ~1.5× slower),
/// and covers the tail with one last full vector that ends at the final element. That last vector is
/// computed before any store, so an in-place call (destination == x) still reads only original values;
/// the overlapping lanes are written twice with the same result.
/// </remarks>
internal static class UnaryDriver
{
    /// <summary>Validates the spans, then writes <c>op(x[i])</c> to every <c>destination[i]</c>.</summary>
    public static void Run<T, TOp>(
        ReadOnlySpan<T> x,
        Span<T> destination,
        TOp op,
        [CallerArgumentExpression(nameof(x))] string xName = "x",
        [CallerArgumentExpression(nameof(destination))] string destinationName = "destination")
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        SpanChecks.Length(destination.Length, x.Length, destinationName);
        SpanChecks.NoPartialOverlap(x, destination, xName);
        RunUnchecked(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(destination), (nuint)x.Length, op);
    }

    /// <summary>The loop without argument checks, for kernels that apply it row by row after checking once.</summary>
    public static void RunUnchecked<T, TOp>(ref T x, ref T destination, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        switch (VectorPath.For<T>(length))
        {
            case KernelPath.Vector512:
                Vector512Loop(ref x, ref destination, length, op);
                break;
            case KernelPath.Vector256:
                Vector256Loop(ref x, ref destination, length, op);
                break;
            case KernelPath.Vector128:
                Vector128Loop(ref x, ref destination, length, op);
                break;
            default:
                ScalarLoop(ref x, ref destination, length, op);
                break;
        }
    }

    // Each width is its own method so that each gets its own JIT inlining budget: with the
    // operator inlined five times per width, one combined method ran out of budget and called expensive operators.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector512Loop<T, TOp>(ref T x, ref T destination, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        nuint c = (nuint)Vector512<T>.Count;
        Vector512<T> last = op.Invoke(Vector512.LoadUnsafe(ref x, length - c));
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, length); i = VectorLoop.Next(i, 2 * c))
        {
            Vector512<T> r0 = op.Invoke(Vector512.LoadUnsafe(ref x, i));
            Vector512<T> r1 = op.Invoke(Vector512.LoadUnsafe(ref x, i + c));
            r0.StoreUnsafe(ref destination, i);
            r1.StoreUnsafe(ref destination, i + c);
        }

        for (; VectorLoop.Fits(i, c, length); i = VectorLoop.Next(i, c))
        {
            op.Invoke(Vector512.LoadUnsafe(ref x, i)).StoreUnsafe(ref destination, i);
        }

        last.StoreUnsafe(ref destination, length - c);
    }

    // See Vector512Loop; requires length >= Vector256<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector256Loop<T, TOp>(ref T x, ref T destination, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        nuint c = (nuint)Vector256<T>.Count;
        Vector256<T> last = op.Invoke(Vector256.LoadUnsafe(ref x, length - c));
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, length); i = VectorLoop.Next(i, 2 * c))
        {
            Vector256<T> r0 = op.Invoke(Vector256.LoadUnsafe(ref x, i));
            Vector256<T> r1 = op.Invoke(Vector256.LoadUnsafe(ref x, i + c));
            r0.StoreUnsafe(ref destination, i);
            r1.StoreUnsafe(ref destination, i + c);
        }

        for (; VectorLoop.Fits(i, c, length); i = VectorLoop.Next(i, c))
        {
            op.Invoke(Vector256.LoadUnsafe(ref x, i)).StoreUnsafe(ref destination, i);
        }

        last.StoreUnsafe(ref destination, length - c);
    }

    // See Vector512Loop; requires length >= Vector128<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector128Loop<T, TOp>(ref T x, ref T destination, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        nuint c = (nuint)Vector128<T>.Count;
        Vector128<T> last = op.Invoke(Vector128.LoadUnsafe(ref x, length - c));
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, length); i = VectorLoop.Next(i, 2 * c))
        {
            Vector128<T> r0 = op.Invoke(Vector128.LoadUnsafe(ref x, i));
            Vector128<T> r1 = op.Invoke(Vector128.LoadUnsafe(ref x, i + c));
            r0.StoreUnsafe(ref destination, i);
            r1.StoreUnsafe(ref destination, i + c);
        }

        for (; VectorLoop.Fits(i, c, length); i = VectorLoop.Next(i, c))
        {
            op.Invoke(Vector128.LoadUnsafe(ref x, i)).StoreUnsafe(ref destination, i);
        }

        last.StoreUnsafe(ref destination, length - c);
    }

    // Short spans and machines without accelerated vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarLoop<T, TOp>(ref T x, ref T destination, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        for (nuint i = 0; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = op.Invoke(Unsafe.Add(ref x, i));
        }
    }
}
