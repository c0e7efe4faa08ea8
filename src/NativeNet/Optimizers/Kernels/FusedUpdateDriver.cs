using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;

namespace NativeNet.Optimizers.Kernels;

/// <summary>
/// The one loop behind every optimizer step: walks the parameter, gradient and state streams together, starting at
/// the widest accelerated width (<see cref="VectorPath.Widest{T}"/>: <c>Vector512</c>, <c>Vector256</c> or
/// <c>Vector128</c>) and finishing the remainder with each narrower width and then scalar code, calling the
/// operator once per chunk. The tail cannot be an overlapping last vector because the update is not idempotent.
/// </summary>
internal static class FusedUpdateDriver
{
    /// <summary>
    /// Applies <paramref name="op"/> to every element. All spans must have the parameters' length, except state
    /// streams beyond <c>TOp.StateCount</c>, which are ignored (pass empty spans). The caller validates lengths.
    /// </summary>
    public static void Run<T, TOp>(Span<T> w, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IFusedUpdateOperator<T>
    {
        // Stryker disable all : Debug.Assert is compiled out of the Release build the tests run
        Debug.Assert(g.Length == w.Length);
        Debug.Assert(TOp.StateCount < 1 || s0.Length == w.Length);
        Debug.Assert(TOp.StateCount < 2 || s1.Length == w.Length);
        // Stryker restore all

        ref T wRef = ref MemoryMarshal.GetReference(w);
        ref T gRef = ref MemoryMarshal.GetReference(g);
        ref T s0Ref = ref MemoryMarshal.GetReference(s0);
        ref T s1Ref = ref MemoryMarshal.GetReference(s1);
        nuint n = (nuint)w.Length;
        nuint i = 0;
        KernelPath widest = VectorPath.Widest<T>();

        // Each narrower width takes at most one chunk of what the wider one left.
        // Stryker disable once Equality,Boolean,Block : which width's loop updates which elements changes no result
        if (widest >= KernelPath.Vector512)
        {
            i = Vector512Loop(ref wRef, ref gRef, ref s0Ref, ref s1Ref, i, n, op);
        }

        // Stryker disable once Equality,Boolean,Block : which width's loop updates which elements changes no result
        if (widest >= KernelPath.Vector256)
        {
            i = Vector256Loop(ref wRef, ref gRef, ref s0Ref, ref s1Ref, i, n, op);
        }

        // Stryker disable once Equality,Boolean,Block : which width's loop updates which elements changes no result
        if (widest >= KernelPath.Vector128)
        {
            i = Vector128Loop(ref wRef, ref gRef, ref s0Ref, ref s1Ref, i, n, op);
        }

        // Unused state streams point at a local, never into (possibly empty) spans.
        T unused0 = default;
        T unused1 = default;
        for (; i < n; i++)
        {
            ref T state0 = ref TOp.StateCount > 0 ? ref Unsafe.Add(ref s0Ref, i) : ref unused0;
            ref T state1 = ref TOp.StateCount > 1 ? ref Unsafe.Add(ref s1Ref, i) : ref unused1;
            Unsafe.Add(ref wRef, i) = op.Invoke(Unsafe.Add(ref wRef, i), Unsafe.Add(ref gRef, i), ref state0, ref state1);
        }
    }

    // Each width is its own method so that each gets its own JIT inlining budget; returns the first index left.
    private static nuint Vector512Loop<T, TOp>(ref T wRef, ref T gRef, ref T s0Ref, ref T s1Ref, nuint i, nuint n, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IFusedUpdateOperator<T>
    {
        nuint c = (nuint)Vector512<T>.Count;
        for (; VectorLoop.Fits(i, c, n); i = VectorLoop.Next(i, c))
        {
            Vector512<T> state0 = TOp.StateCount > 0 ? Vector512.LoadUnsafe(ref s0Ref, i) : default;
            Vector512<T> state1 = TOp.StateCount > 1 ? Vector512.LoadUnsafe(ref s1Ref, i) : default;
            Vector512<T> result = op.Invoke(Vector512.LoadUnsafe(ref wRef, i), Vector512.LoadUnsafe(ref gRef, i), ref state0, ref state1);
            result.StoreUnsafe(ref wRef, i);
            if (TOp.StateCount > 0)
            {
                state0.StoreUnsafe(ref s0Ref, i);
            }

            if (TOp.StateCount > 1)
            {
                state1.StoreUnsafe(ref s1Ref, i);
            }
        }

        return i;
    }

    // See Vector512Loop.
    private static nuint Vector256Loop<T, TOp>(ref T wRef, ref T gRef, ref T s0Ref, ref T s1Ref, nuint i, nuint n, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IFusedUpdateOperator<T>
    {
        nuint c = (nuint)Vector256<T>.Count;
        for (; VectorLoop.Fits(i, c, n); i = VectorLoop.Next(i, c))
        {
            Vector256<T> state0 = TOp.StateCount > 0 ? Vector256.LoadUnsafe(ref s0Ref, i) : default;
            Vector256<T> state1 = TOp.StateCount > 1 ? Vector256.LoadUnsafe(ref s1Ref, i) : default;
            Vector256<T> result = op.Invoke(Vector256.LoadUnsafe(ref wRef, i), Vector256.LoadUnsafe(ref gRef, i), ref state0, ref state1);
            result.StoreUnsafe(ref wRef, i);
            if (TOp.StateCount > 0)
            {
                state0.StoreUnsafe(ref s0Ref, i);
            }

            if (TOp.StateCount > 1)
            {
                state1.StoreUnsafe(ref s1Ref, i);
            }
        }

        return i;
    }

    // See Vector512Loop.
    private static nuint Vector128Loop<T, TOp>(ref T wRef, ref T gRef, ref T s0Ref, ref T s1Ref, nuint i, nuint n, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IFusedUpdateOperator<T>
    {
        nuint c = (nuint)Vector128<T>.Count;
        for (; VectorLoop.Fits(i, c, n); i = VectorLoop.Next(i, c))
        {
            Vector128<T> state0 = TOp.StateCount > 0 ? Vector128.LoadUnsafe(ref s0Ref, i) : default;
            Vector128<T> state1 = TOp.StateCount > 1 ? Vector128.LoadUnsafe(ref s1Ref, i) : default;
            Vector128<T> result = op.Invoke(Vector128.LoadUnsafe(ref wRef, i), Vector128.LoadUnsafe(ref gRef, i), ref state0, ref state1);
            result.StoreUnsafe(ref wRef, i);
            if (TOp.StateCount > 0)
            {
                state0.StoreUnsafe(ref s0Ref, i);
            }

            if (TOp.StateCount > 1)
            {
                state1.StoreUnsafe(ref s1Ref, i);
            }
        }

        return i;
    }
}
