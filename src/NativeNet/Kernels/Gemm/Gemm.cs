using System.Numerics;
using System.Runtime.CompilerServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// General matrix multiply on row-major spans: C (m x n) = alpha * op(A) * op(B) + beta * C, with the transposes
/// that backpropagation needs (A·B, Aᵀ·B, A·Bᵀ) read in place. Packed panels feed a register-blocked FMA
/// micro-kernel (Vector512 8 x 32, else Vector256 6 x 16, else Vector128 6 x 8, else scalar 4 x 4) inside
/// BLIS-style cache blocking; one-row products take a dedicated GEMV path. Steady-state calls allocate nothing (packing memory is per thread and
/// reused). Large products are split by output blocks across threads, so results are bit-identical for every
/// <see cref="MaxDegreeOfParallelism"/>.
/// </summary>
public static class Gemm
{
    /// <summary>
    /// Most threads one product may use (default <see cref="Environment.ProcessorCount"/>; 1 disables threading).
    /// Only products with m * n * k &gt;= 2^24 (2^22 for tall ones with m &gt;= 2048 and m &gt;= 4n) are split, and
    /// only along rows or columns of C (never the k sum), so the value never changes a result. The extra threads are
    /// dedicated background threads started on first use and parked while idle; they run one product at a time (a
    /// concurrent caller computes on its own thread). Process-wide; values above 64 act as 64.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxDegreeOfParallelism
    {
        get => GemmExecution.MaxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            GemmExecution.MaxDegreeOfParallelism = value;
        }
    }

    /// <summary>
    /// C (m x n) = alpha * op(A) * op(B) + beta * C on row-major matrices with leading dimensions (row strides).
    /// op(A) is m x k: A is stored m x k (lda &gt;= k) for <see cref="MatrixTranspose.None"/> or k x m (lda &gt;= m)
    /// for <see cref="MatrixTranspose.Transpose"/>; op(B) is k x n: B is stored k x n (ldb &gt;= n) or n x k (ldb &gt;= k).
    /// beta == 0 overwrites C (NaNs already in C are ignored); alpha == 0 or k == 0 only scales C by beta.
    /// m == 0 or n == 0 does nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m, n or k is negative.</exception>
    /// <exception cref="ShapeMismatchException">A leading dimension is smaller than its row width, or a span is
    /// too short for the matrix it must hold.</exception>
    /// <exception cref="ArgumentException"><paramref name="c"/> overlaps <paramref name="a"/> or <paramref name="b"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmValidation.CheckDimensions(m, n, k);
        bool transposeA = transA == MatrixTranspose.Transpose;
        bool transposeB = transB == MatrixTranspose.Transpose;
        a = GemmValidation.CheckOperand(a, "A", transposeA ? k : m, transposeA ? m : k, lda, m, n, k);
        b = GemmValidation.CheckOperand(b, "B", transposeB ? n : k, transposeB ? k : n, ldb, m, n, k);
        c = GemmValidation.CheckOutput(c, m, n, ldc, a, b, ReadOnlySpan<T>.Empty);
        GemmExecution.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, ReadOnlySpan<T>.Empty, relu: false);
    }

    /// <summary>
    /// Dense form of <see cref="Multiply{T}(MatrixTranspose, MatrixTranspose, int, int, int, T, ReadOnlySpan{T}, int, ReadOnlySpan{T}, int, T, Span{T}, int)"/>:
    /// every leading dimension is the natural row width (A: k, or m if transposed; B: n, or k if transposed; C: n)
    /// and every span must hold exactly its matrix.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m, n or k is negative.</exception>
    /// <exception cref="ShapeMismatchException">A span's length differs from the size of its matrix.</exception>
    /// <exception cref="ArgumentException"><paramref name="c"/> overlaps <paramref name="a"/> or <paramref name="b"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmValidation.CheckDimensions(m, n, k);
        GemmValidation.CheckDenseLengths(a.Length, b.Length, c.Length, m, n, k);
        Multiply(
            transA, transB, m, n, k, alpha,
            a, transA == MatrixTranspose.Transpose ? m : k,
            b, transB == MatrixTranspose.Transpose ? k : n,
            beta, c, n);
    }

    /// <summary>
    /// The Affine layer's forward pass fused into one GEMM: C (m x n) = activation(A (m x k) * B (k x n) + bias),
    /// with bias (length n) added to every row while the tile is still in registers. Dense, no transposes; C is
    /// overwritten.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">m, n or k is negative, or the activation is unknown.</exception>
    /// <exception cref="ShapeMismatchException">A span's length differs from the size of its matrix, or bias is not n long.</exception>
    /// <exception cref="ArgumentException"><paramref name="c"/> overlaps an input.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAddBias<T>(
        int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, GemmActivation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmValidation.CheckDimensions(m, n, k);
        if (activation is not (GemmActivation.None or GemmActivation.Relu))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown GEMM activation.");
        }

        GemmValidation.CheckDenseLengths(a.Length, b.Length, c.Length, m, n, k);
        if (bias.Length != n)
        {
            throw new ShapeMismatchException($"bias has {bias.Length} elements but C is {m} x {n}: it needs one per column (n = {n}).", nameof(bias));
        }

        c = GemmValidation.CheckOutput(c, m, n, n, a, b, bias);
        GemmExecution.Run(
            MatrixTranspose.None, MatrixTranspose.None, m, n, k, T.One, a, k, b, n, T.Zero, c, n, bias,
            relu: activation == GemmActivation.Relu);
    }
}
