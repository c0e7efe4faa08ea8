using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Gemm;

/// <summary>
/// Single-threaded float GEMM on the MLP's shapes (forward A·B, weight gradient Aᵀ·B, input gradient A·Bᵀ),
/// batch-1 GEMV and a ragged shape, against a naive triple loop (baseline) and a TensorPrimitives row-by-row
/// product. Two jobs: default (Vector512 kernel) and AVX-512 off (Vector256 kernel, 16 registers).
/// GFLOP/s = 2 m n k / time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private MatrixTranspose _transA;
    private MatrixTranspose _transB;
    private int _m;
    private int _n;
    private int _k;

    /// <summary>
    /// m x n x k, with T marking a transposed operand: the 784-100x4-10 layer-1 forward (128x100x784), its weight
    /// gradient (784x100x128 TN) and input gradient (128x784x100 NT), the plain product of that size, the hidden
    /// layers (128x100x100), the 784-50-10 forward and weight gradient (n = 50), batch-1 GEMV and a ragged shape.
    /// </summary>
    [Params("128x100x784", "128x784x100", "128x100x100", "784x100x128 TN", "128x784x100 NT", "100x50x784", "784x50x100 TN", "1x784x100", "127x99x33")]
    public string Shape { get; set; } = "128x784x100";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split(' ');
        int[] dims = Array.ConvertAll(parts[0].Split('x'), int.Parse);
        (_m, _n, _k) = (dims[0], dims[1], dims[2]);
        string trans = parts.Length > 1 ? parts[1] : "NN";
        _transA = trans[0] == 'T' ? MatrixTranspose.Transpose : MatrixTranspose.None;
        _transB = trans[1] == 'T' ? MatrixTranspose.Transpose : MatrixTranspose.None;
        var random = new Random(1);
        _a = Enumerable.Range(0, _m * _k).Select(_ => (float)random.NextDouble()).ToArray();
        _b = Enumerable.Range(0, _k * _n).Select(_ => (float)random.NextDouble()).ToArray();
        _c = new float[_m * _n];
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
    }

    [Benchmark]
    public void Ours() => NativeNet.Kernels.Gemm.Multiply(_transA, _transB, _m, _n, _k, 1f, _a, _b, 0f, _c);

    /// <summary>The textbook i-j-p triple loop on the stored layouts.</summary>
    [Benchmark(Baseline = true)]
    public void Naive()
    {
        int lda = _transA == MatrixTranspose.None ? _k : _m;
        int ldb = _transB == MatrixTranspose.None ? _n : _k;
        for (int i = 0; i < _m; i++)
        {
            for (int j = 0; j < _n; j++)
            {
                float sum = 0;
                for (int p = 0; p < _k; p++)
                {
                    float a = _transA == MatrixTranspose.None ? _a[(i * lda) + p] : _a[(p * lda) + i];
                    float b = _transB == MatrixTranspose.None ? _b[(p * ldb) + j] : _b[(j * ldb) + p];
                    sum += a * b;
                }

                _c[(i * _n) + j] = sum;
            }
        }
    }

    /// <summary>
    /// Row i of C accumulates rows of op(B) scaled by op(A)[i, p] with TensorPrimitives.MultiplyAdd; a transposed
    /// B falls back to one TensorPrimitives.Dot per element (its rows are the columns needed).
    /// </summary>
    [Benchmark]
    public void TensorPrimitivesRows()
    {
        int lda = _transA == MatrixTranspose.None ? _k : _m;
        for (int i = 0; i < _m; i++)
        {
            Span<float> row = _c.AsSpan(i * _n, _n);
            if (_transB == MatrixTranspose.Transpose)
            {
                ReadOnlySpan<float> x = _a.AsSpan(i * lda, _k);
                for (int j = 0; j < _n; j++)
                {
                    row[j] = TensorPrimitives.Dot(x, _b.AsSpan(j * _k, _k));
                }

                continue;
            }

            row.Clear();
            for (int p = 0; p < _k; p++)
            {
                float a = _transA == MatrixTranspose.None ? _a[(i * lda) + p] : _a[(p * lda) + i];
                TensorPrimitives.MultiplyAdd(_b.AsSpan(p * _n, _n), a, row, row);
            }
        }
    }
}
