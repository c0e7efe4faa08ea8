using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// The one width decision of the element-wise, column and optimizer drivers: the drivers call these to pick
/// their loop, and <see cref="KernelPaths"/> and the tests read the same answer, so the report cannot drift from
/// the code. Order: Vector512, Vector256, Vector128, scalar. The hardware checks fold to constants per instantiation.
/// </summary>
/// <remarks>
/// Tests can pin the choice on their own thread (<see cref="PinTo"/>) to run every width's loops on any machine in
/// the default test run: narrower ones natively, wider ones in the runtime's software emulation of that vector
/// width (right results, slow); the environment-variable reruns still check the hardware dispatch. Pinning needs
/// the runtime switch <c>NativeNet.Kernels.AllowPathPinning</c>, which only the test project sets: without it the
/// JIT folds the check away and the decision stays a constant.
/// </remarks>
internal static class VectorPath
{
    /// <summary>The runtime switch (runtimeconfig.json) that allows <see cref="PinTo"/>.</summary>
    public const string PinningSwitch = "NativeNet.Kernels.AllowPathPinning";

    // Read once; a static readonly false lets the optimising JIT drop the pinning from every driver.
    private static readonly bool _pinningAllowed = AppContext.TryGetSwitch(PinningSwitch, out bool allowed) && allowed;

    // The path a test pinned on this thread, plus one; 0 (the default) means the hardware's choice.
    [ThreadStatic]
    private static int _pinnedPlusOne;

    /// <summary>The widest accelerated width for <typeparamref name="T"/>, whatever the length (or the pinned one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static KernelPath Widest<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!_pinningAllowed)
        {
            return Hardware<T>();
        }

        int pinnedPlusOne = _pinnedPlusOne;
        return pinnedPlusOne == 0 ? Hardware<T>() : (KernelPath)(pinnedPlusOne - 1);
    }

    /// <summary>
    /// The widest accelerated width whose vector fits in <paramref name="length"/> elements: the loop a driver runs
    /// for a span of that length (its tail is one overlapping vector of the same width, so it needs one full vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static KernelPath For<T>(nuint length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelPath widest = Widest<T>();
        return widest >= KernelPath.Vector512 && length >= (nuint)Vector512<T>.Count ? KernelPath.Vector512
            : widest >= KernelPath.Vector256 && length >= (nuint)Vector256<T>.Count ? KernelPath.Vector256
            : widest >= KernelPath.Vector128 && length >= (nuint)Vector128<T>.Count ? KernelPath.Vector128
            : KernelPath.Scalar;
    }

    /// <summary>
    /// Until the returned scope is disposed, the drivers on this thread take <paramref name="path"/> as their widest
    /// width, accelerated or not (an unaccelerated width runs in software). For tests.
    /// </summary>
    /// <exception cref="InvalidOperationException">The runtime switch <see cref="PinningSwitch"/> is not set.</exception>
    public static Pinning PinTo(KernelPath path)
    {
        if (!_pinningAllowed)
        {
            throw new InvalidOperationException($"Pinning the kernel paths is for tests; set the runtime switch {PinningSwitch}.");
        }

        var scope = new Pinning(_pinnedPlusOne);
        _pinnedPlusOne = (int)path + 1;
        return scope;
    }

    /// <summary>What the hardware (or the NativeAOT target) accelerates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static KernelPath Hardware<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>Restores the previous pinning of this thread when disposed.</summary>
    internal readonly struct Pinning(int previousPinnedPlusOne) : IDisposable
    {
        /// <summary>Restores the previous pinning.</summary>
        public void Dispose() => _pinnedPlusOne = previousPinnedPlusOne;
    }
}
