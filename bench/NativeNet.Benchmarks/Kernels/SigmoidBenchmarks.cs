using BenchmarkDotNet.Attributes;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Kernels;

/// <summary>Sigmoid forward: ours (polynomial exp) vs TensorPrimitives.Sigmoid (baseline).</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class SigmoidBenchmarks
{
    private float[] _x = [];
    private float[] _destination = [];

    [Params(12_800, 12_799)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 12) - 6)).ToArray();
        _destination = new float[Length];
    }

    [Benchmark(Baseline = true)]
    public void TensorPrimitivesSigmoid() => System.Numerics.Tensors.TensorPrimitives.Sigmoid<float>(_x, _destination);

    [Benchmark]
    public void NativeNet() => ElementwiseKernels.Sigmoid<float>(_x, _destination);
}
