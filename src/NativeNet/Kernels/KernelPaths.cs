// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// Which <see cref="KernelPath"/> each kernel family takes in this process, as the kernels themselves decide it
/// (from <c>Vector512/256/128.IsHardwareAccelerated</c>, which the JIT or, in a NativeAOT binary, the instruction
/// set it was compiled for fixes). Short spans always finish on narrower vectors or scalar code.
/// </summary>
public static class KernelPaths
{
    /// <summary>The widest accelerated vector width: what every family below selects.</summary>
    public static KernelPath Widest => VectorPath.Widest<float>();

    /// <summary>The GEMM micro-kernels and the GEMV path (matrix products of the Affine layers).</summary>
    public static KernelPath Gemm => Widest;

    /// <summary>Element-wise, row-wise and column-wise kernels (activations, softmax, bias, column statistics).</summary>
    public static KernelPath Elementwise => VectorPath.Widest<float>();

    /// <summary>The fused optimizer updates (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam).</summary>
    public static KernelPath Optimizers => VectorPath.Widest<float>();

    /// <summary>
    /// Whether 128-bit kernels fuse multiply-add (one rounding): true on ARM64 and on x64 with FMA. x64 without
    /// FMA multiplies then adds, because the runtime would emulate a fused Vector128 multiply-add lane by lane.
    /// </summary>
    public static bool Vector128FusedMultiplyAdd => VectorFma.IsFused128;
}
