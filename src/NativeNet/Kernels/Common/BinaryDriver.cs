using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The one loop behind every element-wise kernel of two inputs: <c>destination[i] = op(x[i], y[i])</c>.
/// </summary>
/// <remarks>
/// Same shape as <see cref="UnaryDriver"/>: widest accelerated width, two vectors per iteration, and a
/// last full vector computed before any store so that destination may be x or y (in-place).
/// </remarks>
internal static class BinaryDriver
{
    /// <summary>Validates the spans, then writes <c>op(x[i], y[i])</c> to every <c>destination[i]</c>.</summary>
    public static void Run<T, TOp>(
        ReadOnlySpan<T> x,
        ReadOnlySpan<T> y,
        Span<T> destination,
        TOp op,
        [CallerArgumentExpression(nameof(x))] string xName = "x",
        [CallerArgumentExpression(nameof(y))] string yName = "y",
        [CallerArgumentExpression(nameof(destination))] string destinationName = "destination")
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        SpanChecks.Length(y.Length, x.Length, yName);
        SpanChecks.Length(destination.Length, x.Length, destinationName);
        SpanChecks.NoPartialOverlap(x, destination, xName);
        SpanChecks.NoPartialOverlap(y, destination, yName);

        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)x.Length;

        switch (VectorPath.For<T>(length))
        {
            case KernelPath.Vector512:
                Vector512Loop(ref xr, ref yr, ref dr, length, op);
                break;
            case KernelPath.Vector256:
                Vector256Loop(ref xr, ref yr, ref dr, length, op);
                break;
            case KernelPath.Vector128:
                Vector128Loop(ref xr, ref yr, ref dr, length, op);
                break;
            default:
                ScalarLoop(ref xr, ref yr, ref dr, length, op);
                break;
        }
    }

    // Each width is its own method so that each gets its own JIT inlining budget: with the
    // operator inlined five times per width, one combined method ran out of budget and called expensive operators.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector512Loop<T, TOp>(ref T xr, ref T yr, ref T dr, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        nuint c = (nuint)Vector512<T>.Count;
        Vector512<T> last = op.Invoke(Vector512.LoadUnsafe(ref xr, length - c), Vector512.LoadUnsafe(ref yr, length - c));
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, length); i = VectorLoop.Next(i, 2 * c))
        {
            Vector512<T> r0 = op.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i));
            Vector512<T> r1 = op.Invoke(Vector512.LoadUnsafe(ref xr, i + c), Vector512.LoadUnsafe(ref yr, i + c));
            r0.StoreUnsafe(ref dr, i);
            r1.StoreUnsafe(ref dr, i + c);
        }

        for (; VectorLoop.Fits(i, c, length); i = VectorLoop.Next(i, c))
        {
            op.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
        }

        last.StoreUnsafe(ref dr, length - c);
    }

    // See Vector512Loop; requires length >= Vector256<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector256Loop<T, TOp>(ref T xr, ref T yr, ref T dr, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        nuint c = (nuint)Vector256<T>.Count;
        Vector256<T> last = op.Invoke(Vector256.LoadUnsafe(ref xr, length - c), Vector256.LoadUnsafe(ref yr, length - c));
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, length); i = VectorLoop.Next(i, 2 * c))
        {
            Vector256<T> r0 = op.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i));
            Vector256<T> r1 = op.Invoke(Vector256.LoadUnsafe(ref xr, i + c), Vector256.LoadUnsafe(ref yr, i + c));
            r0.StoreUnsafe(ref dr, i);
            r1.StoreUnsafe(ref dr, i + c);
        }

        for (; VectorLoop.Fits(i, c, length); i = VectorLoop.Next(i, c))
        {
            op.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
        }

        last.StoreUnsafe(ref dr, length - c);
    }

    // See Vector512Loop; requires length >= Vector128<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector128Loop<T, TOp>(ref T xr, ref T yr, ref T dr, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        nuint c = (nuint)Vector128<T>.Count;
        Vector128<T> last = op.Invoke(Vector128.LoadUnsafe(ref xr, length - c), Vector128.LoadUnsafe(ref yr, length - c));
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, length); i = VectorLoop.Next(i, 2 * c))
        {
            Vector128<T> r0 = op.Invoke(Vector128.LoadUnsafe(ref xr, i), Vector128.LoadUnsafe(ref yr, i));
            Vector128<T> r1 = op.Invoke(Vector128.LoadUnsafe(ref xr, i + c), Vector128.LoadUnsafe(ref yr, i + c));
            r0.StoreUnsafe(ref dr, i);
            r1.StoreUnsafe(ref dr, i + c);
        }

        for (; VectorLoop.Fits(i, c, length); i = VectorLoop.Next(i, c))
        {
            op.Invoke(Vector128.LoadUnsafe(ref xr, i), Vector128.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
        }

        last.StoreUnsafe(ref dr, length - c);
    }

    // Short spans and machines without accelerated vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarLoop<T, TOp>(ref T xr, ref T yr, ref T dr, nuint length, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        for (nuint i = 0; i < length; i++)
        {
            Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }
}
