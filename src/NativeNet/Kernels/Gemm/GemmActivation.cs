// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>Activation applied element-wise in the fused epilogue of <see cref="Gemm.MultiplyAddBias{T}"/>.</summary>
public enum GemmActivation
{
    /// <summary>No activation: C = A·B + bias.</summary>
    None,

    /// <summary>Rectified linear unit: C = max(A·B + bias, 0).</summary>
    Relu,
}
