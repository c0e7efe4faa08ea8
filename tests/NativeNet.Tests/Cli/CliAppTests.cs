using NativeNet.Cli;

namespace NativeNet.Tests.Cli;

public class CliAppTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("train", "--help")]
    [InlineData("eval", "--help")]
    [InlineData("predict", "--help")]
    [InlineData("experiment", "--help")]
    [InlineData("tune", "--help")]
    [InlineData("info", "--help")]
    public void Every_command_has_help(params string[] args)
    {
        var run = CliRunner.Run(args);
        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains("nativenet", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void No_command_prints_help_and_fails()
    {
        var run = CliRunner.Run();
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("Commands:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_is_a_one_line_usage_error()
    {
        var run = CliRunner.Run("frobnicate");
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError("frobnicate");
    }

    [Fact]
    public void Unknown_experiment_lists_the_known_ones()
    {
        var run = CliRunner.Run("experiment", "no-such-thing");
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError("no-such-thing", "optimizer-paths");
    }

    [Fact]
    public void Info_names_the_compiler_and_the_kernel_path_of_every_family()
    {
        var run = CliRunner.Run("info");
        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Contains(".NET", run.Output, StringComparison.Ordinal);
        Assert.Contains("Vector512", run.Output, StringComparison.Ordinal);
        Assert.Contains("Vector256", run.Output, StringComparison.Ordinal);
        Assert.Contains("JIT", Line(run, "compiled by"), StringComparison.Ordinal);
        Assert.Contains("decided at run time", Line(run, "instruction set"), StringComparison.Ordinal);
        Assert.Contains(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), Line(run, "architecture"), StringComparison.Ordinal);
        Assert.Contains(NativeNet.Kernels.KernelPaths.Gemm.ToString(), Line(run, "kernel path: GEMM"), StringComparison.Ordinal);
        Assert.Contains(NativeNet.Kernels.KernelPaths.Elementwise.ToString(), Line(run, "kernel path: element-wise"), StringComparison.Ordinal);
        Assert.Contains(NativeNet.Kernels.KernelPaths.Optimizers.ToString(), Line(run, "kernel path: optimizers"), StringComparison.Ordinal);
        Assert.Contains(NativeNet.Kernels.KernelPaths.Vector128FusedMultiplyAdd ? "fused" : "no FMA", Line(run, "Vector128 multiply-add"), StringComparison.Ordinal);
        string expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512"
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256"
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "Vector128" : "Scalar";
        Assert.Contains(expected, Line(run, "kernel path: GEMM"), StringComparison.Ordinal);
        Assert.Contains(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
    }

    private static string Line(CliRun run, string property) =>
        run.Output.Split('\n').Single(l => l.Contains(property, StringComparison.Ordinal));

    [Fact]
    public void Argument_exception_messages_lose_the_parameter_suffix_and_line_breaks()
    {
        var e = new ArgumentOutOfRangeException("lr", -1.0, "The learning rate must be positive.");
        var text = CliApp.Describe(e);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", text, StringComparison.Ordinal);
        Assert.StartsWith("The learning rate must be positive.", text, StringComparison.Ordinal);
    }
}
