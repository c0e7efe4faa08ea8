using BenchmarkDotNet.Attributes;
using NativeNet.Layers;
using NativeNet.Tensors;

namespace NativeNet.Benchmarks.Layers;

/// <summary>
/// The Affine layer of the MLP (784→100 and 100→100) at batch 128 and 127 (12 700 outputs: no multiple of any
/// vector width): forward, forward fused with ReLU, backward (dW, db, dX) against plain scalar loops (baseline).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class AffineLayerBenchmarks
{
    private LayerBench _bench = null!;
    private AffineLayer<float> _affine = null!;
    private float[] _w = [];
    private float[] _dw = [];

    [Params(784, 100)]
    public int Inputs { get; set; }

    [Params(128, 127)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _affine = new AffineLayer<float>(Inputs, 100, 0.05);
        _bench = new LayerBench(_affine, Rows, seed: 11);
        _w = _affine.Weights.Span.ToArray();
        _dw = new float[_w.Length];
    }

    /// <summary>Forward and backward as scalar i-p-j loops (the textbook code, vectorised by nobody).</summary>
    [Benchmark(Baseline = true)]
    public void ScalarForwardBackward()
    {
        int d = Inputs, m = 100;
        float[] x = _bench.X, y = _bench.Y, dy = _bench.Dy, dx = _bench.Dx;
        for (int i = 0; i < Rows; i++)
        {
            Array.Clear(y, i * m, m);
            for (int p = 0; p < d; p++)
            {
                float a = x[(i * d) + p];
                for (int j = 0; j < m; j++)
                {
                    y[(i * m) + j] += a * _w[(p * m) + j];
                }
            }
        }

        for (int i = 0; i < Rows; i++)
        {
            for (int p = 0; p < d; p++)
            {
                float a = x[(i * d) + p];
                float sum = 0;
                for (int j = 0; j < m; j++)
                {
                    _dw[(p * m) + j] += a * dy[(i * m) + j];
                    sum += dy[(i * m) + j] * _w[(p * m) + j];
                }

                dx[(i * d) + p] = sum;
            }
        }
    }

    [Benchmark]
    public void Forward() => _bench.Forward(training: true);

    [Benchmark]
    public void ForwardFusedRelu() =>
        _affine.ForwardRelu(new ReadOnlyTensorView<float>(_bench.X, new Shape(Rows, Inputs)), new TensorView<float>(_bench.Y, new Shape(Rows, 100)));

    [Benchmark]
    public void Backward() => _bench.Backward();
}
