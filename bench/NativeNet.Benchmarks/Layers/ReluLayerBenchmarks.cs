using BenchmarkDotNet.Attributes;
using NativeNet.Layers;

namespace NativeNet.Benchmarks.Layers;

/// <summary>The ReLU layer at 128 x 100 and 127 x 100 (12 700: no multiple of any vector width) against scalar loops.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class ReluLayerBenchmarks
{
    private LayerBench _bench = null!;

    [Params(128, 127)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _bench = new LayerBench(new ReluLayer<float>(100), Rows, seed: 12);

    [Benchmark(Baseline = true)]
    public void ScalarForwardBackward()
    {
        float[] x = _bench.X, y = _bench.Y, dy = _bench.Dy, dx = _bench.Dx;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : 0;
        }

        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] > 0 ? dy[i] : 0;
        }
    }

    [Benchmark]
    public void Forward() => _bench.Forward(training: true);

    [Benchmark]
    public void Backward() => _bench.Backward();
}
