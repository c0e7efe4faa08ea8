using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NativeNet.Networks;
using NativeNet.Onnx;
using NativeNet.Tensors;

namespace NativeNet.Benchmarks.Onnx;

/// <summary>
/// The MNIST MLP (784-100-100-10, ReLU) predicting through a session of the network built natively, and through a
/// session of the same model exported to ONNX and imported back (a SequentialNetwork): the imported one should be as
/// fast, with 0 B allocated per prediction. One short job, in process (no generated project to build, so it also
/// runs on a loaded machine): run with <c>--filter *ImportedModel*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class ImportedModelBenchmarks
{
    private InferenceSession<float> _native = null!;
    private InferenceSession<float> _imported = null!;
    private float[] _x = [];
    private float[] _scores = [];

    [Params(1, 100)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var network = new Network<float>(new NetworkOptions { InputSize = 784, HiddenSizes = [100, 100], OutputSize = 10, Seed = 1 }, Rows);
        _native = network.CreateSession(Rows);
        _imported = OnnxImporter.Load(OnnxExporter.Serialize(network.Layers, network.InputSize)).CreateSession(Rows);
        _x = new float[Rows * 784];
        new Randomness.SeededRandom(2).FillGaussian<float>(_x, 1.0);
        _scores = new float[Rows * 10];
    }

    /// <summary>The network built from NetworkOptions.</summary>
    [Benchmark(Baseline = true)]
    public float Native()
    {
        _native.Predict(new ReadOnlyTensorView<float>(_x, new Shape(Rows, 784)), new TensorView<float>(_scores, new Shape(Rows, 10)));
        return _scores[0];
    }

    /// <summary>The same model after export to ONNX and import.</summary>
    [Benchmark]
    public float Imported()
    {
        _imported.Predict(new ReadOnlyTensorView<float>(_x, new Shape(Rows, 784)), new TensorView<float>(_scores, new Shape(Rows, 10)));
        return _scores[0];
    }
}

/// <summary>ShortRun (3 warm-ups, 3 iterations) in the benchmark process itself.</summary>
public sealed class InProcessShortConfig : ManualConfig
{
    /// <summary>Creates the one job.</summary>
    public InProcessShortConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcessShort"));
}
