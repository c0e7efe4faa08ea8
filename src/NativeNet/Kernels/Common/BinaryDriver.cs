using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The one loop behind every element-wise kernel of two inputs: <c>destination[i] = op(x[i], y[i])</c>.
/// </summary>
/// <remarks>
/// Same shape as <see cref="UnaryDriver"/>: widest accelerated width, four vectors per iteration, and a
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

        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && length >= (nuint)Vector512<T>.Count)
        {
            nuint c = (nuint)Vector512<T>.Count;
            Vector512<T> last = op.Invoke(Vector512.LoadUnsafe(ref xr, length - c), Vector512.LoadUnsafe(ref yr, length - c));
            nuint i = 0;
            for (; i + (4 * c) <= length; i += 4 * c)
            {
                Vector512<T> r0 = op.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i));
                Vector512<T> r1 = op.Invoke(Vector512.LoadUnsafe(ref xr, i + c), Vector512.LoadUnsafe(ref yr, i + c));
                Vector512<T> r2 = op.Invoke(Vector512.LoadUnsafe(ref xr, i + (2 * c)), Vector512.LoadUnsafe(ref yr, i + (2 * c)));
                Vector512<T> r3 = op.Invoke(Vector512.LoadUnsafe(ref xr, i + (3 * c)), Vector512.LoadUnsafe(ref yr, i + (3 * c)));
                r0.StoreUnsafe(ref dr, i);
                r1.StoreUnsafe(ref dr, i + c);
                r2.StoreUnsafe(ref dr, i + (2 * c));
                r3.StoreUnsafe(ref dr, i + (3 * c));
            }

            for (; i + c <= length; i += c)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }

            last.StoreUnsafe(ref dr, length - c);
            return;
        }

        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && length >= (nuint)Vector256<T>.Count)
        {
            nuint c = (nuint)Vector256<T>.Count;
            Vector256<T> last = op.Invoke(Vector256.LoadUnsafe(ref xr, length - c), Vector256.LoadUnsafe(ref yr, length - c));
            nuint i = 0;
            for (; i + (4 * c) <= length; i += 4 * c)
            {
                Vector256<T> r0 = op.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i));
                Vector256<T> r1 = op.Invoke(Vector256.LoadUnsafe(ref xr, i + c), Vector256.LoadUnsafe(ref yr, i + c));
                Vector256<T> r2 = op.Invoke(Vector256.LoadUnsafe(ref xr, i + (2 * c)), Vector256.LoadUnsafe(ref yr, i + (2 * c)));
                Vector256<T> r3 = op.Invoke(Vector256.LoadUnsafe(ref xr, i + (3 * c)), Vector256.LoadUnsafe(ref yr, i + (3 * c)));
                r0.StoreUnsafe(ref dr, i);
                r1.StoreUnsafe(ref dr, i + c);
                r2.StoreUnsafe(ref dr, i + (2 * c));
                r3.StoreUnsafe(ref dr, i + (3 * c));
            }

            for (; i + c <= length; i += c)
            {
                op.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i)).StoreUnsafe(ref dr, i);
            }

            last.StoreUnsafe(ref dr, length - c);
            return;
        }

        for (nuint i = 0; i < length; i++)
        {
            Unsafe.Add(ref dr, i) = op.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }
}
