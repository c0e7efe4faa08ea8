using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NativeNet.Cli.Commands;

/// <summary>
/// How this process's code was compiled: by the JIT at run time, or ahead of time by NativeAOT for an instruction
/// set chosen at build time (which then fixes the vector widths the kernels take, whatever the machine has).
/// </summary>
internal static class CompilationInfo
{
    /// <summary>The assembly metadata key the CLI project writes the NativeAOT instruction set under.</summary>
    internal const string InstructionSetKey = "NativeNet.IlcInstructionSet";

    /// <summary>The assembly metadata key the CLI project writes the publish runtime identifier under.</summary>
    internal const string RuntimeIdentifierKey = "NativeNet.RuntimeIdentifier";

    /// <summary>True in a NativeAOT binary: no code can be generated at run time.</summary>
    internal static bool IsNativeAot => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>"JIT" or "NativeAOT" for this process.</summary>
    internal static string Compiler => DescribeCompiler(RuntimeFeature.IsDynamicCodeSupported, RuntimeFeature.IsDynamicCodeCompiled);

    /// <summary>The instruction set this process's code targets, as <c>nativenet info</c> reports it.</summary>
    internal static string InstructionSet => DescribeInstructionSet(
        IsNativeAot, Metadata(InstructionSetKey), Metadata(RuntimeIdentifierKey), RuntimeInformation.ProcessArchitecture);

    internal static string DescribeCompiler(bool dynamicCodeSupported, bool dynamicCodeCompiled) =>
        !dynamicCodeSupported ? "NativeAOT (compiled ahead of time)"
        : dynamicCodeCompiled ? "JIT"
        : "interpreter";

    internal static string DescribeInstructionSet(bool nativeAot, string? recorded, string? runtimeIdentifier, Architecture architecture)
    {
        if (!nativeAot)
            return "JIT: decided at run time for this machine";
        if (!string.IsNullOrWhiteSpace(recorded))
            return $"{recorded} (fixed at build time)";
        // No IlcInstructionSet: the compiler's own baseline, which for x64 in .NET 10 is x86-64-v2 (no AVX).
        var target = string.IsNullOrWhiteSpace(runtimeIdentifier) ? architecture.ToString().ToLowerInvariant() : runtimeIdentifier;
        return architecture == Architecture.X64
            ? $"x86-64-v2, the NativeAOT default for {target} (fixed at build time)"
            : $"the NativeAOT default for {target} (fixed at build time)";
    }

    private static string? Metadata(string key) =>
        typeof(CompilationInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
