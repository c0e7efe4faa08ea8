using BenchmarkDotNet.Attributes;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Kernels;

/// <summary>ReLU backward (dx = x &gt; 0 ? dy : 0): our compare-and-mask pass vs scalar.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class ReluBackwardBenchmarks
{
    private float[] _x = [];
    private float[] _dy = [];
    private float[] _dx = [];

    [Params(12_800, 12_799)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        _dy = Enumerable.Range(0, Length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        _dx = new float[Length];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _dx[i] = _x[i] > 0f ? _dy[i] : 0f;
        }
    }

    [Benchmark]
    public void NativeNet() => ElementwiseKernels.ReluBackward<float>(_x, _dy, _dx);
}
