using BenchmarkDotNet.Running;
using NativeNet.Benchmarks.ColdStart;
using NativeNet.Benchmarks.Compare;

namespace NativeNet.Benchmarks;

/// <summary>
/// Runs the benchmark suite; pass BenchmarkDotNet arguments such as <c>--filter *Gemm*</c> (add <c>--short</c> for
/// ShortRun jobs), or
/// <c>--compare [--quick] [keys...]</c> for the stopwatch table that bench/compare/run.sh joins with PyTorch and numpy, or
/// <c>--cold-start [processes]</c> for the first predictions of fresh processes.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--compare")
        {
            bool quick = args.Contains("--quick");
            CompareRunner.Run([.. args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal))], quick);
            return;
        }

        if (args.Length > 0 && args[0] == "--floors")
        {
            Floors.FloorProbe.Run();
            return;
        }

        if (args.Length > 0 && args[0] == "--cold-start")
        {
            ColdStartProbe.Run(args);
            return;
        }

        BenchmarkJobs.Short = args.Contains("--short");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != "--short")]);
    }
}
