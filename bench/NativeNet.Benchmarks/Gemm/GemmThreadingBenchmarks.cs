using BenchmarkDotNet.Attributes;
using NativeNet.Benchmarks.Workloads;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Gemm;

/// <summary>
/// Large float GEMM on one thread (baseline) and two (<see cref="NativeNet.Kernels.Gemm.MaxDegreeOfParallelism"/>):
/// 1024³ and 1000 x 1000 x 1000 (no multiple of the tile), bit-identical results either way. GFLOP/s = 2 m n k / time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class GemmThreadingBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    [Params(1024, 1000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = SyntheticData.Matrix(Size, Size, seed: 21);
        _b = SyntheticData.Matrix(Size, Size, seed: 22);
        _c = new float[Size * Size];
    }

    [Benchmark(Baseline = true)]
    public void OneThread()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        NativeNet.Kernels.Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, Size, Size, Size, 1f, _a, _b, 0f, _c);
    }

    [Benchmark]
    public void TwoThreads()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 2;
        NativeNet.Kernels.Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, Size, Size, Size, 1f, _a, _b, 0f, _c);
    }
}
