using BenchmarkDotNet.Attributes;
using NativeNet.Benchmarks.Workloads;

namespace NativeNet.Benchmarks.Training;

/// <summary>
/// One epoch over 60 000 images (469 batches of 128, one permutation, batch gathering included) of 784-100x4-10
/// with Adam, one thread. Data: Fashion-MNIST from Debian's dataset-fashion-mnist; without it the bundled MNIST
/// 10 000 images repeated 6 times (printed at setup). Baseline: the same epoch with SGD (no optimizer state).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MonitoringJobs))]
public class EpochBenchmarks
{
    private TrainingWorkload _adam = null!;
    private TrainingWorkload _sgd = null!;

    [GlobalSetup]
    public void Setup()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        var data = EpochData.Load();
        Console.WriteLine($"// epoch data: {EpochData.Source}");
        _adam = TrainingWorkload.CreateEpoch(data, "adam");
        _sgd = TrainingWorkload.CreateEpoch(data, "sgd");
    }

    [Benchmark(Baseline = true)]
    public double Epoch60k_784_100x4_10_Batch128_Sgd() => _sgd.Epoch();

    [Benchmark]
    public double Epoch60k_784_100x4_10_Batch128_Adam() => _adam.Epoch();
}
