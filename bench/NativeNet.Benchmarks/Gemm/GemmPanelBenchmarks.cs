using BenchmarkDotNet.Attributes;
using NativeNet.Benchmarks.Workloads;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Gemm;

/// <summary>
/// What the GEMM's special panels buy end to end: the training steps of 784-100x4-10 (n = 100 ends in the 4-column
/// edge panel) and 784-50-10 (n = 50 is one wide-pair panel) and predict at batch 10 000, one thread, with each
/// special panel switched off in turn (<see cref="GemmPanels"/>; the bits are the same either way). Each case runs
/// in its own process, so the switches need no reset. A special
/// panel stays only where this shows a gain of at least 10 % (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkJobs))]
public class GemmPanelBenchmarks
{
    private TrainingWorkload _mlp4Adam = null!;
    private TrainingWorkload _mlp1Sgd = null!;
    private PredictWorkload _predict = null!;

    /// <summary>Which special panels are on: all, all but the edge panel, all but the wide-pair panel, or none.</summary>
    [Params("all", "no-edge", "no-wide-pair", "none")]
    public string Panels { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        GemmPanels.EdgeEnabled = Panels is "all" or "no-wide-pair";
        GemmPanels.WidePairEnabled = Panels is "all" or "no-edge";
        var data = SyntheticData.Create(10_000, seed: 7);
        _mlp4Adam = TrainingWorkload.Create("mlp4-adam", data);
        _mlp1Sgd = TrainingWorkload.Create("mlp1-sgd", data);
        _predict = new PredictWorkload(10_000);
    }

    [Benchmark]
    public double Step_784_100x4_10_Batch128_Adam() => _mlp4Adam.Step();

    [Benchmark]
    public double Step_784_50_10_Batch100_Sgd() => _mlp1Sgd.Step();

    [Benchmark]
    public float Predict_784_100x4_10_Batch10000() => _predict.Predict();
}
