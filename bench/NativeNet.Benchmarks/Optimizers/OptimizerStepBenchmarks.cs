using BenchmarkDotNet.Attributes;
using NativeNet.Optimizers;

namespace NativeNet.Benchmarks.Optimizers;

/// <summary>
/// One optimizer step over a flat float buffer: the fused vector pass against the book's formula as a plain
/// scalar loop. 109 810 is the parameter count of the 784-100x4-10 network; 12 807 is not a multiple of any
/// vector width.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class OptimizerStepBenchmarks
{
    private float[] _w = [];
    private float[] _g = [];
    private float[] _m = [];
    private float[] _v = [];
    private Adam<float> _adam = null!;
    private MomentumSgd<float> _momentum = null!;
    private Sgd<float> _sgd = null!;

    [Params(12_807, 109_810)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(0);
        _w = new float[N];
        _g = new float[N];
        for (int i = 0; i < N; i++)
        {
            _w[i] = (float)rng.NextDouble();
            _g[i] = (float)(rng.NextDouble() - 0.5) * 1e-3f;
        }

        _m = new float[N];
        _v = new float[N];
        _adam = new Adam<float>(N);
        _momentum = new MomentumSgd<float>(N);
        _sgd = new Sgd<float>(N);
    }

    [Benchmark(Baseline = true)]
    public void AdamScalarReference()
    {
        const float lrT = 1e-3f;
        for (int i = 0; i < _w.Length; i++)
        {
            _m[i] += (1 - 0.9f) * (_g[i] - _m[i]);
            _v[i] += (1 - 0.999f) * ((_g[i] * _g[i]) - _v[i]);
            _w[i] -= lrT * _m[i] / (MathF.Sqrt(_v[i]) + 1e-7f);
        }
    }

    [Benchmark]
    public void Adam() => _adam.Step(_w, _g);

    [Benchmark]
    public void Momentum() => _momentum.Step(_w, _g);

    [Benchmark]
    public void Sgd() => _sgd.Step(_w, _g);
}
