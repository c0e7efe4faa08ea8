using BenchmarkDotNet.Running;

namespace NativeNet.Benchmarks;

/// <summary>Runs the benchmark suite; pass BenchmarkDotNet arguments such as <c>--filter *Gemm*</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
