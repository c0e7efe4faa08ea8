using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using Xunit.Sdk;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// Runs a kernel test on every driver path (Vector512, Vector256, Vector128, scalar) on any x64 machine: widths the
/// hardware accelerates run natively, wider ones in the runtime's software emulation of that width (slow, and
/// the same results lane by lane), so the default test run checks every width's loops, not only the widest one.
/// The paths are a loop inside one test, not theory rows: Stryker's report names tests by method, without row
/// arguments, so one test per method keeps its coverage unambiguous.
/// </summary>
internal static class KernelPathCases
{
    /// <summary>
    /// The widest width the hardware accelerates, read from the runtime and not through <see cref="VectorPath"/>, so
    /// it holds inside a pinned scope and the tests can check the drivers' own choice against it.
    /// </summary>
    public static KernelPath Hardware =>
        Vector512.IsHardwareAccelerated ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated ? KernelPath.Vector128
        : KernelPath.Scalar;

    /// <summary>Runs <paramref name="test"/> once per path, with the drivers on this thread pinned to it.</summary>
    public static void OnEveryPath(Action test)
    {
        foreach (KernelPath path in Paths())
        {
            using VectorPath.Pinning pinning = VectorPath.PinTo(path);
            Assert.Equal(path, VectorPath.Widest<float>());
            try
            {
                test();
            }
            catch (XunitException e)
            {
                throw new XunitException($"On the {path} path: {e.Message}", e);
            }
        }
    }

    // x64 drivers take any of the four widths, depending on the machine, so every x64 machine checks all four
    // (those it lacks emulated). ARM64 drivers never go past Vector128, and emulating wider vectors under qemu
    // only slows the CI's emulated run.
    private static IEnumerable<KernelPath> Paths() =>
        Enum.GetValues<KernelPath>().Where(path =>
            RuntimeInformation.ProcessArchitecture == Architecture.X64 || path <= Hardware);
}
