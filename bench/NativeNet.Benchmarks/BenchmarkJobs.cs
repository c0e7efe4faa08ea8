using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace NativeNet.Benchmarks;

/// <summary>
/// The jobs every benchmark class runs: "Vector512" (as the machine is) and "AVX512 off" (env
/// <c>DOTNET_EnableAVX512=0</c>: the Vector256 kernels with 16 registers). <c>--short</c> on the command line
/// selects BenchmarkDotNet's ShortRun (3 warm-ups, 3 iterations, 1 launch) so the suite finishes in minutes.
/// </summary>
public sealed class BenchmarkJobs : ManualConfig
{
    /// <summary>Creates both jobs, short or default.</summary>
    public BenchmarkJobs()
    {
        Job baseJob = Short ? Job.ShortRun : Job.Default;
        AddJob(baseJob.WithId("Vector512"));
        AddJob(baseJob.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX512", "0")).WithId("AVX512 off"));
    }

    /// <summary>Set by <c>--short</c> before BenchmarkDotNet builds its configs.</summary>
    public static bool Short { get; set; }
}
