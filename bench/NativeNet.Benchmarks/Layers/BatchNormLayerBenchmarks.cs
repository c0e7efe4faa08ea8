using BenchmarkDotNet.Attributes;
using NativeNet.Layers;

namespace NativeNet.Benchmarks.Layers;

/// <summary>Batch normalisation (training mode) at 100 x 100 and 99 x 100 against the book's formulas as scalar loops.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class BatchNormLayerBenchmarks
{
    private LayerBench _bench = null!;
    private float[] _xn = [];
    private float[] _stats = [];

    [Params(100, 99)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = new LayerBench(new BatchNormalizationLayer<float>(100), Rows, seed: 13);
        _xn = new float[Rows * 100];
        _stats = new float[4 * 100];
    }

    /// <summary>mean, var, xn = (x - mean)/sqrt(var + eps), y = xn (gamma 1, beta 0); backward by the book's chain.</summary>
    [Benchmark(Baseline = true)]
    public void ScalarForwardBackward()
    {
        const int d = 100;
        int n = Rows;
        float[] x = _bench.X, y = _bench.Y, dy = _bench.Dy, dx = _bench.Dx;
        for (int j = 0; j < d; j++)
        {
            float mean = 0, variance = 0;
            for (int i = 0; i < n; i++)
            {
                mean += x[(i * d) + j];
            }

            mean /= n;
            for (int i = 0; i < n; i++)
            {
                float c = x[(i * d) + j] - mean;
                variance += c * c;
            }

            float inv = 1 / MathF.Sqrt((variance / n) + 1e-6f);
            float sumDy = 0, sumDyXn = 0;
            for (int i = 0; i < n; i++)
            {
                float xn = (x[(i * d) + j] - mean) * inv;
                _xn[(i * d) + j] = xn;
                y[(i * d) + j] = xn;
                sumDy += dy[(i * d) + j];
                sumDyXn += dy[(i * d) + j] * xn;
            }

            for (int i = 0; i < n; i++)
            {
                dx[(i * d) + j] = inv * (dy[(i * d) + j] - (sumDy / n) - (_xn[(i * d) + j] * sumDyXn / n));
            }

            _stats[j] = sumDy;
        }
    }

    [Benchmark]
    public void Forward() => _bench.Forward(training: true);

    [Benchmark]
    public void Backward() => _bench.Backward();
}
