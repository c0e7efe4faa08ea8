using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Optimizers.Kernels;

/// <summary>
/// The one loop behind every optimizer step: walks the parameter, gradient and state streams together with
/// <c>Vector512</c> (where accelerated), then <c>Vector256</c>, then a scalar tail, calling the operator once per
/// chunk. The tail cannot be an overlapping last vector because the update is not idempotent.
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
        Debug.Assert(g.Length == w.Length);
        Debug.Assert(TOp.StateCount < 1 || s0.Length == w.Length);
        Debug.Assert(TOp.StateCount < 2 || s1.Length == w.Length);

        ref T wRef = ref MemoryMarshal.GetReference(w);
        ref T gRef = ref MemoryMarshal.GetReference(g);
        ref T s0Ref = ref MemoryMarshal.GetReference(s0);
        ref T s1Ref = ref MemoryMarshal.GetReference(s1);
        nuint n = (nuint)w.Length;
        nuint i = 0;

        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
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
        }

        // With 512-bit vectors this takes at most one 256-bit chunk of the remainder.
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
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
}
