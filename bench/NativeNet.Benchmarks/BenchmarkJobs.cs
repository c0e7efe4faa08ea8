using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace NativeNet.Benchmarks;

/// <summary>
/// The jobs every benchmark class runs: "Vector512" (as the machine is), "AVX512 off" (env
/// <c>DOTNET_EnableAVX512=0</c>: the Vector256 kernels with 16 registers) and "AVX2 off" (env
/// <c>DOTNET_EnableAVX2=0</c>: the Vector128 kernels, what ARM64 NEON and a default x64 NativeAOT build run). <c>--short</c> on the command line
/// selects BenchmarkDotNet's ShortRun (3 warm-ups, 3 iterations, 1 launch) so the suite finishes in minutes.
/// </summary>
public sealed class BenchmarkJobs : ManualConfig
{
    /// <summary>Creates the three jobs, short or default.</summary>
    public BenchmarkJobs()
    {
        Job baseJob = Short ? Job.ShortRun : Job.Default;
        AddJob(baseJob.WithId("Vector512"));
        AddJob(baseJob.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX512", "0")).WithId("AVX512 off"));
        AddJob(baseJob.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX2", "0")).WithId("AVX2 off"));
    }

    /// <summary>Set by <c>--short</c> before BenchmarkDotNet builds its configs.</summary>
    public static bool Short { get; set; }
}
