// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>The code path a family of kernels runs in this process: the widest vector it is accelerated for.</summary>
public enum KernelPath
{
    /// <summary>No accelerated vectors (for example <c>DOTNET_EnableHWIntrinsic=0</c>): plain scalar loops.</summary>
    Scalar,

    /// <summary>128-bit vectors: ARM64 AdvSimd (NEON), x64 SSE, and x64 NativeAOT builds for the default instruction set.</summary>
    Vector128,

    /// <summary>256-bit vectors: x64 with AVX2.</summary>
    Vector256,

    /// <summary>512-bit vectors: x64 with AVX-512.</summary>
    Vector512,
}
