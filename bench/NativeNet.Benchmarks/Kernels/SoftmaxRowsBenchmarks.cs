using BenchmarkDotNet.Attributes;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Kernels;

/// <summary>
/// Row softmax of the 128×10 output logits: ours (max shift, fused exp and sum) vs TensorPrimitives.SoftMax
/// per row (baseline; it does not subtract the max, so it is faster-looking but NaN for large logits).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class SoftmaxRowsBenchmarks
{
    private const int Rows = 128;

    private float[] _x = [];
    private float[] _destination = [];

    [Params(10, 100)]
    public int Cols { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Enumerable.Range(0, Rows * Cols).Select(_ => (float)((random.NextDouble() * 10) - 5)).ToArray();
        _destination = new float[Rows * Cols];
    }

    [Benchmark(Baseline = true)]
    public void TensorPrimitivesPerRow()
    {
        for (int i = 0; i < Rows; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.SoftMax<float>(_x.AsSpan(i * Cols, Cols), _destination.AsSpan(i * Cols, Cols));
        }
    }

    [Benchmark]
    public void NativeNet() => ElementwiseKernels.SoftmaxRows<float>(_x, _destination, Rows, Cols);
}
