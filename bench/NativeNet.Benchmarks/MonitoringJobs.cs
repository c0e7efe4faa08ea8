using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace NativeNet.Benchmarks;

/// <summary>
/// For long operations (a whole epoch): no pilot stage, one warm-up and 5 measured runs (3 with
/// <c>--short</c>), with AVX-512 on and off like <see cref="BenchmarkJobs"/>.
/// </summary>
public sealed class MonitoringJobs : ManualConfig
{
    /// <summary>Creates both jobs.</summary>
    public MonitoringJobs()
    {
        Job baseJob = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(BenchmarkJobs.Short ? 3 : 5);
        AddJob(baseJob.WithId("Vector512"));
        AddJob(baseJob.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX512", "0")).WithId("AVX512 off"));
    }
}
