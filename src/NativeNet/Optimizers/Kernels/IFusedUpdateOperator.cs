using System.Numerics;
using System.Runtime.Intrinsics;

namespace NativeNet.Optimizers.Kernels;

/// <summary>
/// One element-wise parameter update, fused: reads a parameter <c>w</c>, its gradient <c>g</c> and up to two
/// state values, returns the new parameter and updates the state in place. The same formula is written four
/// times (scalar, 128-bit, 256-bit, 512-bit) so that <see cref="FusedUpdateDriver"/> can run it in one pass over aligned
/// streams with a scalar tail.
/// </summary>
internal interface IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many state streams the update reads and writes (0, 1 or 2); the driver skips the others.</summary>
    static abstract int StateCount { get; }

    /// <summary>Updates one element: returns the new <paramref name="w"/>, writes the new state.</summary>
    T Invoke(T w, T g, ref T s0, ref T s1);

    /// <summary>Updates <c>Vector128&lt;T&gt;.Count</c> elements.</summary>
    Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1);

    /// <summary>Updates <c>Vector256&lt;T&gt;.Count</c> elements.</summary>
    Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1);

    /// <summary>Updates <c>Vector512&lt;T&gt;.Count</c> elements.</summary>
    Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1);
}
