using BenchmarkDotNet.Attributes;
using NativeNet.Layers;
using NativeNet.Randomness;

namespace NativeNet.Benchmarks.Layers;

/// <summary>Dropout 0.2 in training (a fresh mask per forward) at 100 x 100 and 99 x 100, against scalar loops with System.Random.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class DropoutLayerBenchmarks
{
    private LayerBench _bench = null!;
    private float[] _mask = [];
    private Random _random = null!;

    [Params(100, 99)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = new LayerBench(new DropoutLayer<float>(100, 0.2, new SeededRandom(5)), Rows, seed: 14);
        _mask = new float[Rows * 100];
        _random = new Random(5);
    }

    [Benchmark(Baseline = true)]
    public void ScalarForwardBackward()
    {
        float[] x = _bench.X, y = _bench.Y, dy = _bench.Dy, dx = _bench.Dx;
        for (int i = 0; i < x.Length; i++)
        {
            _mask[i] = _random.NextDouble() > 0.2 ? 1 : 0;
            y[i] = x[i] * _mask[i];
        }

        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = dy[i] * _mask[i];
        }
    }

    [Benchmark]
    public void Forward() => _bench.Forward(training: true);

    [Benchmark]
    public void Backward() => _bench.Backward();
}
