using NativeNet.Benchmarks.Workloads;
using NativeNet.Layers;
using NativeNet.Tensors;

namespace NativeNet.Benchmarks.Layers;

/// <summary>A hosted layer with seeded input, output and gradient buffers for its forward/backward benchmarks.</summary>
public sealed class LayerBench
{
    public LayerBench(ILayer<float> layer, int rows, int seed)
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        Host = new LayerHost<float>(layer, rows, (ulong)seed);
        Rows = rows;
        X = SyntheticData.Matrix(rows, layer.InputLength, seed);
        for (int i = 0; i < X.Length; i++)
        {
            X[i] -= 0.5f; // both signs, so ReLU masks half
        }

        Y = new float[rows * layer.OutputLength];
        Dy = SyntheticData.Matrix(rows, layer.OutputLength, seed + 1);
        Dx = new float[rows * layer.InputLength];
        Forward(training: true);
    }

    public LayerHost<float> Host { get; }

    public int Rows { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Dy { get; }

    public float[] Dx { get; }

    private ILayer<float> Layer => Host.Layer;

    public void Forward(bool training) =>
        Layer.Forward(new ReadOnlyTensorView<float>(X, new Shape(Rows, Layer.InputLength)), new TensorView<float>(Y, new Shape(Rows, Layer.OutputLength)), training);

    public void Backward() =>
        Layer.Backward(
            new ReadOnlyTensorView<float>(X, new Shape(Rows, Layer.InputLength)),
            new ReadOnlyTensorView<float>(Y, new Shape(Rows, Layer.OutputLength)),
            new ReadOnlyTensorView<float>(Dy, new Shape(Rows, Layer.OutputLength)),
            new TensorView<float>(Dx, new Shape(Rows, Layer.InputLength)));
}
