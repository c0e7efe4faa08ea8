using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The loop the element-wise, column and optimizer drivers choose (<see cref="VectorPath"/>, the same method the
/// drivers call) under the current environment. Rerun with DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and
/// DOTNET_EnableHWIntrinsic=0 to see each width chosen.
/// </summary>
[Collection(nameof(RunsFirst))]
public class VectorPathTests
{
    private static KernelPath ExpectedWidest => KernelPathCases.Hardware;

    [Fact]
    public void Drivers_take_the_widest_accelerated_width()
    {
        Assert.Equal(ExpectedWidest, VectorPath.Widest<float>());
        Assert.Equal(ExpectedWidest, VectorPath.Widest<double>());
        Assert.Equal(ExpectedWidest, KernelPaths.Elementwise);
        Assert.Equal(ExpectedWidest, KernelPaths.Optimizers);
    }

    [Fact]
    public void Without_256_bit_vectors_the_Vector128_loop_runs_not_scalar()
    {
        if (Vector128.IsHardwareAccelerated && !Vector256.IsHardwareAccelerated)
        {
            Assert.Equal(KernelPath.Vector128, VectorPath.Widest<float>());
            Assert.Equal(KernelPath.Vector128, VectorPath.For<float>(4096));
            Assert.Equal(KernelPath.Vector128, VectorPath.For<double>(4096));
            Assert.Equal(KernelPath.Vector128, KernelPaths.Elementwise);
            Assert.Equal(KernelPath.Vector128, KernelPaths.Optimizers);
        }
    }

    [Fact]
    public void Environment_switches_select_the_documented_width()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.Equal(KernelPath.Scalar, KernelPaths.Elementwise);
            Assert.Equal(KernelPath.Scalar, KernelPaths.Optimizers);
        }
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0" && (Sse2.IsSupported || AdvSimd.IsSupported))
        {
            // x64 SSE (and the default NativeAOT target): 128-bit loops, and multiply-add unfused because FMA is off too.
            Assert.Equal(KernelPath.Vector128, KernelPaths.Elementwise);
            Assert.Equal(KernelPath.Vector128, KernelPaths.Optimizers);
            Assert.Equal(AdvSimd.IsSupported, KernelPaths.Vector128FusedMultiplyAdd);
        }
        else if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" && Avx2.IsSupported)
        {
            Assert.Equal(KernelPath.Vector256, KernelPaths.Elementwise);
            Assert.Equal(KernelPath.Vector256, KernelPaths.Optimizers);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Assert.NotEqual(KernelPath.Scalar, KernelPaths.Elementwise);
        }
    }

    [Fact]
    public void Each_length_takes_the_widest_vector_that_fits()
    {
        for (int n = 0; n <= KernelAssert.MaxLength; n++)
        {
            Assert.Equal(ExpectedFor<float>(n), VectorPath.For<float>((nuint)n));
            Assert.Equal(ExpectedFor<double>(n), VectorPath.For<double>((nuint)n));
        }
    }

    [Fact]
    public void Spans_shorter_than_256_bits_run_the_Vector128_loop_wherever_it_is_accelerated()
    {
        if (!Vector128.IsHardwareAccelerated)
        {
            Assert.Equal(KernelPath.Scalar, VectorPath.For<float>(4096));
            return;
        }

        Assert.Equal(KernelPath.Scalar, VectorPath.For<float>(3));
        Assert.Equal([KernelPath.Vector128, KernelPath.Vector128, KernelPath.Vector128, KernelPath.Vector128], [VectorPath.For<float>(4), VectorPath.For<float>(5), VectorPath.For<float>(6), VectorPath.For<float>(7)]);
        Assert.Equal(KernelPath.Scalar, VectorPath.For<double>(1));
        Assert.Equal([KernelPath.Vector128, KernelPath.Vector128], [VectorPath.For<double>(2), VectorPath.For<double>(3)]);
    }

    [Fact]
    public void A_pinned_thread_takes_that_width_and_narrower_ones_for_short_spans()
    {
        foreach (KernelPath path in Enum.GetValues<KernelPath>())
        {
            using VectorPath.Pinning pinning = VectorPath.PinTo(path);
            Assert.Equal(path, VectorPath.Widest<float>());
            Assert.Equal(path, VectorPath.Widest<double>());
            Assert.Equal(path, KernelPaths.Elementwise);
            for (int n = 0; n <= KernelAssert.MaxLength; n++)
            {
                Assert.Equal(PinnedFor<float>(n, path), VectorPath.For<float>((nuint)n));
                Assert.Equal(PinnedFor<double>(n, path), VectorPath.For<double>((nuint)n));
            }
        }

        Assert.Equal(ExpectedWidest, VectorPath.Widest<float>());
    }

    [Fact]
    public void Pinning_nests_and_restores_the_hardware_choice()
    {
        using (VectorPath.PinTo(KernelPath.Scalar))
        {
            using (VectorPath.PinTo(KernelPath.Vector512))
            {
                // Pinned even where the hardware has no 512-bit vectors: the runtime then emulates them.
                Assert.Equal(KernelPath.Vector512, VectorPath.Widest<float>());
                Assert.Equal(KernelPath.Vector512, VectorPath.For<float>(16));
            }

            Assert.Equal(KernelPath.Scalar, VectorPath.Widest<float>());
            Assert.Equal(KernelPath.Scalar, VectorPath.For<float>(4096));
        }

        Assert.Equal(ExpectedWidest, VectorPath.Widest<float>());
    }

    [Fact]
    public void Pinning_is_per_thread()
    {
        using (VectorPath.PinTo(KernelPath.Scalar))
        {
            KernelPath elsewhere = KernelPath.Scalar;
            var thread = new Thread(() => elsewhere = VectorPath.Widest<float>());
            thread.Start();
            thread.Join();
            Assert.Equal(ExpectedWidest, elsewhere);
        }
    }

    private static KernelPath PinnedFor<T>(int n, KernelPath pinned)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        pinned >= KernelPath.Vector512 && n >= Vector512<T>.Count ? KernelPath.Vector512
        : pinned >= KernelPath.Vector256 && n >= Vector256<T>.Count ? KernelPath.Vector256
        : pinned >= KernelPath.Vector128 && n >= Vector128<T>.Count ? KernelPath.Vector128
        : KernelPath.Scalar;

    private static KernelPath ExpectedFor<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count ? KernelPath.Vector512
        : Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count ? KernelPath.Vector256
        : Vector128.IsHardwareAccelerated && n >= Vector128<T>.Count ? KernelPath.Vector128
        : KernelPath.Scalar;
}
