using System.Runtime.InteropServices;
using NativeNet.Cli.Commands;

namespace NativeNet.Tests.Cli;

public class CompilationInfoTests
{
    [Fact]
    public void The_test_process_runs_under_the_jit()
    {
        Assert.False(CompilationInfo.IsNativeAot);
        Assert.Equal("JIT", CompilationInfo.Compiler);
        Assert.Equal("JIT: decided at run time for this machine", CompilationInfo.InstructionSet);
    }

    [Theory]
    [InlineData(true, true, "JIT")]
    [InlineData(false, false, "NativeAOT (compiled ahead of time)")]
    [InlineData(true, false, "interpreter")]
    public void Compiler_follows_the_runtime_features(bool dynamicCodeSupported, bool dynamicCodeCompiled, string expected) =>
        Assert.Equal(expected, CompilationInfo.DescribeCompiler(dynamicCodeSupported, dynamicCodeCompiled));

    [Fact]
    public void A_native_aot_binary_reports_the_recorded_instruction_set()
    {
        var text = CompilationInfo.DescribeInstructionSet(nativeAot: true, "x86-64-v3", "linux-x64", Architecture.X64);
        Assert.Equal("x86-64-v3 (fixed at build time)", text);
    }

    [Theory]
    [InlineData(null, "linux-x64", Architecture.X64, "x86-64-v2, the NativeAOT default for linux-x64")]
    [InlineData("", "linux-arm64", Architecture.Arm64, "the NativeAOT default for linux-arm64")]
    [InlineData(" ", null, Architecture.Arm64, "the NativeAOT default for arm64")]
    public void Without_a_recorded_instruction_set_it_names_the_compiler_default(string? recorded, string? rid, Architecture architecture, string expected)
    {
        var text = CompilationInfo.DescribeInstructionSet(nativeAot: true, recorded, rid, architecture);
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_jit_the_recorded_value_is_ignored()
    {
        var text = CompilationInfo.DescribeInstructionSet(nativeAot: false, "x86-64-v4", "linux-x64", Architecture.X64);
        Assert.Equal("JIT: decided at run time for this machine", text);
    }
}
