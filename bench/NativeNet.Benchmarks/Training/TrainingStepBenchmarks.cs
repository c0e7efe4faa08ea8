using BenchmarkDotNet.Attributes;
using NativeNet.Benchmarks.Workloads;

namespace NativeNet.Benchmarks.Training;

/// <summary>
/// One training iteration (<see cref="NativeNet.Training.Trainer{T}.Step"/>: gather a random batch, forward,
/// backward, optimizer update) of the configurations in the PyTorch comparison, one thread, float32. Baseline:
/// the same 784-100x4-10 SGD step as plain scalar loops (<see cref="ScalarMlp"/>). Allocated must be 0 B.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class TrainingStepBenchmarks
{
    private TrainingWorkload _mlp4Sgd = null!;
    private TrainingWorkload _mlp4Adam = null!;
    private TrainingWorkload _mlp1Sgd = null!;
    private TrainingWorkload _mlp5BatchNormSgd = null!;
    private TrainingWorkload _mlp6DropoutSgd = null!;
    private ScalarMlp _scalar = null!;

    [GlobalSetup]
    public void Setup()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        var data = SyntheticData.Create(10_000, seed: 7);
        _mlp4Sgd = TrainingWorkload.Create("mlp4-sgd", data);
        _mlp4Adam = TrainingWorkload.Create("mlp4-adam", data);
        _mlp1Sgd = TrainingWorkload.Create("mlp1-sgd", data);
        _mlp5BatchNormSgd = TrainingWorkload.Create("mlp5-bn-sgd", data);
        _mlp6DropoutSgd = TrainingWorkload.Create("mlp6-dropout-sgd", data);
        _scalar = new ScalarMlp([784, 100, 100, 100, 100, 10], 128, data);
    }

    [Benchmark(Baseline = true)]
    public float Scalar_784_100x4_10_Batch128_Sgd() => _scalar.Step();

    [Benchmark]
    public double Step_784_100x4_10_Batch128_Sgd() => _mlp4Sgd.Step();

    [Benchmark]
    public double Step_784_100x4_10_Batch128_Adam() => _mlp4Adam.Step();

    [Benchmark]
    public double Step_784_50_10_Batch100_Sgd() => _mlp1Sgd.Step();

    [Benchmark]
    public double Step_784_100x5_10_BatchNorm_Batch100_Sgd() => _mlp5BatchNormSgd.Step();

    [Benchmark]
    public double Step_784_100x6_10_Dropout02_Batch100_Sgd() => _mlp6DropoutSgd.Step();
}
