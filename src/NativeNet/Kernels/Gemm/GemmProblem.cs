using System.Numerics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// One validated GEMM, C (m x n) = alpha * op(A) * op(B) [+ bias] + beta * C [then ReLU], described by raw
/// pointers so that it can be split into independent sub-problems and handed to worker threads.
/// The caller keeps the underlying memory pinned for the lifetime of the value.
/// </summary>
internal readonly unsafe struct GemmProblem<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly MatrixTranspose TransA;
    public readonly MatrixTranspose TransB;
    public readonly int M;
    public readonly int N;
    public readonly int K;
    public readonly T Alpha;
    public readonly T* A;
    public readonly int Lda;
    public readonly T* B;
    public readonly int Ldb;
    public readonly T Beta;
    public readonly T* C;
    public readonly int Ldc;

    /// <summary>Row vector of length n added to every row of C, or null.</summary>
    public readonly T* Bias;

    /// <summary>Whether max(., 0) is applied to the final result.</summary>
    public readonly bool Relu;

    public GemmProblem(
        MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, T alpha, T* a, int lda, T* b, int ldb,
        T beta, T* c, int ldc, T* bias, bool relu)
    {
        TransA = transA;
        TransB = transB;
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        A = a;
        Lda = lda;
        B = b;
        Ldb = ldb;
        Beta = beta;
        C = c;
        Ldc = ldc;
        Bias = bias;
        Relu = relu;
    }

    /// <summary>The sub-problem that computes rows [start, start + count) of C.</summary>
    public GemmProblem<T> Rows(int start, int count)
    {
        T* a = TransA == MatrixTranspose.None ? A + ((nint)start * Lda) : A + start;
        return new GemmProblem<T>(TransA, TransB, count, N, K, Alpha, a, Lda, B, Ldb, Beta, C + ((nint)start * Ldc), Ldc, Bias, Relu);
    }

    /// <summary>The sub-problem that computes columns [start, start + count) of C.</summary>
    public GemmProblem<T> Columns(int start, int count)
    {
        T* b = TransB == MatrixTranspose.None ? B + start : B + ((nint)start * Ldb);
        T* bias = Bias == null ? null : Bias + start;
        return new GemmProblem<T>(TransA, TransB, M, count, K, Alpha, A, Lda, b, Ldb, Beta, C + start, Ldc, bias, Relu);
    }
}
