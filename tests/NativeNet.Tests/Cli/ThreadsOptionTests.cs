using NativeNet.Cli;

namespace NativeNet.Tests.Cli;

/// <summary><c>--threads</c> sets the process-wide GEMM threading, so it shares the collection of the tests that change it.</summary>
[Collection("GemmThreading")]
public class ThreadsOptionTests
{
    [Fact]
    public void Threads_reach_the_gemm_setting_for_the_command_and_are_restored_after()
    {
        int before = NativeNet.Kernels.Gemm.MaxDegreeOfParallelism;
        var run = CliRunner.Run("info", "--threads", "1");
        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Contains("GEMM threads", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"GEMM threads\s*│\s*1 \(--threads\)", run.Output);
        Assert.Equal(before, NativeNet.Kernels.Gemm.MaxDegreeOfParallelism);
        CliRunner.Run("info", "--threads", "0").AssertOneLineError("--threads takes a whole number from 1 to 64; got '0'");
    }
}
