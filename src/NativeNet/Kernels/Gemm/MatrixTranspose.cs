// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>Whether a GEMM operand is used as stored (row-major) or transposed.</summary>
public enum MatrixTranspose
{
    /// <summary>The operand is used as stored: op(X) = X.</summary>
    None,

    /// <summary>The operand is used transposed: op(X) = Xᵀ, read in place without materialising the transpose.</summary>
    Transpose,
}
