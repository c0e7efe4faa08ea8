using BenchmarkDotNet.Attributes;
using NativeNet.Benchmarks.Workloads;

namespace NativeNet.Benchmarks.Training;

/// <summary>
/// Inference of 784-100x4-10 (<see cref="NativeNet.Networks.Network{T}.Predict"/>) at batch 1 (the GEMV path) and
/// 10 000 (one forward pass, one thread), against the scalar loops of <see cref="ScalarMlp"/> (baseline).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class PredictBenchmarks
{
    private PredictWorkload _ours = null!;
    private ScalarMlp _scalar = null!;

    [Params(1, 10_000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        _ours = new PredictWorkload(Batch);
        _scalar = new ScalarMlp([784, 100, 100, 100, 100, 10], Batch, SyntheticData.Create(16, seed: 9));
        SyntheticData.Matrix(Batch, 784, seed: 3).CopyTo(_scalar.Input, 0);
    }

    [Benchmark(Baseline = true)]
    public float Scalar() => _scalar.Forward(Batch);

    [Benchmark]
    public float Predict() => _ours.Predict();

    /// <summary>
    /// Reads the input batch and every weight and bias once (<see cref="MemoryFloor.Read"/>): memory a forward pass
    /// cannot skip. At batch 1 that is the 439 KB of parameters, in L2 but not L1, each used once; at batch 10 000
    /// it is mostly the 31 MB input, from main memory. A floor under <see cref="Predict"/>, measured in the same run.
    /// </summary>
    [Benchmark]
    public float ReadInputAndParameters() => MemoryFloor.Read(_ours.Input.Span) + MemoryFloor.Read(_ours.Network.Parameters.Values);

    /// <summary>The same forward pass with <see cref="NativeNet.Kernels.Gemm.MaxDegreeOfParallelism"/> = 2 (bit-identical scores).</summary>
    [Benchmark]
    public float PredictTwoThreads()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 2;
        try
        {
            return _ours.Predict();
        }
        finally
        {
            NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        }
    }
}
