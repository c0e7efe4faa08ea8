using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// Every driver path this machine can run (its widest and each narrower one, down to scalar), so the default test
/// run checks the Vector256, Vector128 and scalar loops on an AVX-512 machine too, not only the environment-variable
/// reruns. A test narrows its own thread with <see cref="VectorPath.NarrowTo"/>.
/// </summary>
public static class KernelPathCases
{
    /// <summary>The paths up to the hardware's widest, for <c>[MemberData]</c>.</summary>
    public static TheoryData<KernelPath> Runnable => [.. RunnablePaths()];

    /// <summary>Runs <paramref name="test"/> with the drivers on this thread narrowed to <paramref name="path"/>.</summary>
    public static void On(KernelPath path, Action test)
    {
        using VectorPath.Narrowing narrowing = VectorPath.NarrowTo(path);
        Assert.Equal(path, VectorPath.Widest<float>());
        test();
    }

    /// <summary>The paths up to the hardware's widest.</summary>
    public static IEnumerable<KernelPath> RunnablePaths() =>
        Enum.GetValues<KernelPath>().Where(path => path <= VectorPath.Widest<float>());
}
