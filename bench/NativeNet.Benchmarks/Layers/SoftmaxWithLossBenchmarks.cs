using BenchmarkDotNet.Attributes;
using NativeNet.Benchmarks.Workloads;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Benchmarks.Layers;

/// <summary>Softmax + cross-entropy forward and the fused backward on 128 x 10 and 127 x 10 scores, against scalar loops.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class SoftmaxWithLossBenchmarks
{
    private SoftmaxWithLossLayer<float> _loss = null!;
    private float[] _scores = [];
    private float[] _probabilities = [];
    private float[] _dx = [];
    private int[] _labels = [];

    [Params(128, 127)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _loss = new SoftmaxWithLossLayer<float>(10, logEpsilon: 0);
        var plan = new WorkspacePlan();
        _loss.Plan(plan);
        _loss.Bind(plan.Build<float>(Rows));
        _scores = SyntheticData.Matrix(Rows, 10, seed: 15);
        _probabilities = new float[Rows * 10];
        _dx = new float[Rows * 10];
        _labels = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            _labels[i] = (i * 7) % 10;
        }
    }

    [Benchmark(Baseline = true)]
    public float ScalarForwardBackward()
    {
        float loss = 0;
        for (int i = 0; i < Rows; i++)
        {
            float max = float.NegativeInfinity;
            for (int j = 0; j < 10; j++)
            {
                max = MathF.Max(max, _scores[(i * 10) + j]);
            }

            float sum = 0;
            for (int j = 0; j < 10; j++)
            {
                float e = MathF.Exp(_scores[(i * 10) + j] - max);
                _probabilities[(i * 10) + j] = e;
                sum += e;
            }

            for (int j = 0; j < 10; j++)
            {
                _probabilities[(i * 10) + j] /= sum;
                _dx[(i * 10) + j] = (_probabilities[(i * 10) + j] - (j == _labels[i] ? 1 : 0)) / Rows;
            }

            loss -= MathF.Log(_probabilities[(i * 10) + _labels[i]]);
        }

        return loss / Rows;
    }

    [Benchmark]
    public float ForwardBackward()
    {
        var x = new ReadOnlyTensorView<float>(_scores, new Shape(Rows, 10));
        var labels = LabelBatch<float>.FromIndices(_labels);
        float loss = _loss.Forward(x, labels);
        _loss.Backward(x, labels, new TensorView<float>(_dx, new Shape(Rows, 10)));
        return loss;
    }
}
