using NativeNet.Kernels;
using Xunit.Sdk;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// Runs a kernel test on every driver path this machine can run (its widest and each narrower one, down to scalar),
/// so the default test run checks the Vector256, Vector128 and scalar loops on an AVX-512 machine too, not only the
/// environment-variable reruns. The paths are a loop inside one test, not theory rows: Stryker's test runner keeps
/// the coverage of one row per theory, and rows would leave the other paths' mutants "not covered".
/// </summary>
internal static class KernelPathCases
{
    /// <summary>Runs <paramref name="test"/> once per path, with the drivers on this thread narrowed to it.</summary>
    public static void OnEveryPath(Action test)
    {
        foreach (KernelPath path in RunnablePaths())
        {
            using VectorPath.Narrowing narrowing = VectorPath.NarrowTo(path);
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

    /// <summary>The paths up to the hardware's widest.</summary>
    public static IEnumerable<KernelPath> RunnablePaths() =>
        Enum.GetValues<KernelPath>().Where(path => path <= VectorPath.Widest<float>());
}
