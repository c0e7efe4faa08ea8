using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The one width decision of the element-wise, column and optimizer drivers: the drivers call these to pick
/// their loop, and <see cref="KernelPaths"/> and the tests read the same answer, so the report cannot drift from
/// the code. Order: Vector512, Vector256, Vector128, scalar. The checks fold to constants per instantiation.
/// </summary>
internal static class VectorPath
{
    /// <summary>The widest accelerated width for <typeparamref name="T"/>, whatever the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static KernelPath Widest<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>
    /// The widest accelerated width whose vector fits in <paramref name="length"/> elements: the loop a driver runs
    /// for a span of that length (its tail is one overlapping vector of the same width, so it needs one full vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static KernelPath For<T>(nuint length)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && length >= (nuint)Vector512<T>.Count ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && length >= (nuint)Vector256<T>.Count ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && length >= (nuint)Vector128<T>.Count ? KernelPath.Vector128
        : KernelPath.Scalar;
}
