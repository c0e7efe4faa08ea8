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
/// Tests can narrow the choice on their own thread (<see cref="NarrowTo"/>) to run the Vector256, Vector128 and
/// scalar loops on a machine with wider vectors, in the default test run; the environment-variable reruns still
/// check the hardware dispatch. Narrowing needs the runtime switch <c>NativeNet.Kernels.AllowPathNarrowing</c>,
/// which only the test project sets: without it the JIT folds the check away and the decision stays a constant.
/// </remarks>
internal static class VectorPath
{
    /// <summary>The runtime switch (runtimeconfig.json) that allows <see cref="NarrowTo"/>.</summary>
    public const string NarrowingSwitch = "NativeNet.Kernels.AllowPathNarrowing";

    // Read once; a static readonly false lets the optimising JIT drop the narrowing from every driver.
    private static readonly bool _narrowingAllowed = AppContext.TryGetSwitch(NarrowingSwitch, out bool allowed) && allowed;

    // The widest path a test allows on this thread, plus one; 0 (the default) means no narrowing.
    [ThreadStatic]
    private static int _limitPlusOne;

    /// <summary>The widest accelerated width for <typeparamref name="T"/>, whatever the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static KernelPath Widest<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KernelPath hardware = Hardware<T>();
        if (!_narrowingAllowed)
        {
            return hardware;
        }

        int limitPlusOne = _limitPlusOne;
        return limitPlusOne == 0 || (int)hardware < limitPlusOne ? hardware : (KernelPath)(limitPlusOne - 1);
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
    /// Until the returned scope is disposed, the drivers on this thread take no path wider than
    /// <paramref name="widest"/> (a narrower one where the hardware has no wider). For tests.
    /// </summary>
    /// <exception cref="InvalidOperationException">The runtime switch <see cref="NarrowingSwitch"/> is not set.</exception>
    public static Narrowing NarrowTo(KernelPath widest)
    {
        if (!_narrowingAllowed)
        {
            throw new InvalidOperationException($"Narrowing the kernel paths is for tests; set the runtime switch {NarrowingSwitch}.");
        }

        var scope = new Narrowing(_limitPlusOne);
        _limitPlusOne = (int)widest + 1;
        return scope;
    }

    /// <summary>What the hardware (or the NativeAOT target) accelerates, before any narrowing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static KernelPath Hardware<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>Restores the previous narrowing of this thread when disposed.</summary>
    internal readonly struct Narrowing(int previousLimitPlusOne) : IDisposable
    {
        /// <summary>Restores the previous narrowing.</summary>
        public void Dispose() => _limitPlusOne = previousLimitPlusOne;
    }
}
