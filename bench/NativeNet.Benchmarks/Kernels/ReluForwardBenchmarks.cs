using BenchmarkDotNet.Attributes;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Kernels;

/// <summary>ReLU forward on a 128×100 activation (and an odd length): ours vs TensorPrimitives.Max(x, 0) vs scalar.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class ReluForwardBenchmarks
{
    private float[] _x = [];
    private float[] _destination = [];

    [Params(12_800, 12_799)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        _destination = new float[Length];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _destination[i] = MathF.Max(_x[i], 0f);
        }
    }

    [Benchmark]
    public void TensorPrimitivesMax() => System.Numerics.Tensors.TensorPrimitives.Max(_x, 0f, _destination);

    [Benchmark]
    public void NativeNet() => ElementwiseKernels.Relu<float>(_x, _destination);
}
