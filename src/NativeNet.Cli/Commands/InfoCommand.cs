using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Layers;
using NativeNet.Serialization;
using Spectre.Console;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet info</c>: version, runtime, JIT or NativeAOT, and which SIMD width each kernel family runs.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string?>("--model", "-m") { Description = "Also describe the layers of this model (.nnet or .onnx)." };
        var command = new Command("info", "Show the version, the .NET runtime, JIT or NativeAOT and its instruction set, the kernel paths in use and the processor count; with --model, a model's layers.") { model };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(model);
            var classifier = path is null ? null : ModelOption.LoadAny(path);
            Write(console);
            if (classifier is not null)
                WriteLayers(console, classifier);
            return CliApp.Success;
        });
        return command;
    }

    private static void Write(CliConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("property").AddColumn("value");
        void Row(string name, string value) => table.AddRow(new Text(name), new Text(value));

        Row("nativenet", Version(typeof(InfoCommand).Assembly));
        Row("NativeNet library", Version(typeof(NativeNet.Data.MnistLoader).Assembly));
        Row(".NET runtime", RuntimeInformation.FrameworkDescription);
        Row("compiled by", CompilationInfo.Compiler);
        Row("instruction set", CompilationInfo.InstructionSet);
        Row("architecture", RuntimeInformation.ProcessArchitecture.ToString());
        Row("OS", $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        Row("processors", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("GEMM threads", Gemm.MaxDegreeOfParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (--threads)");
        Row("Vector512", Accelerated(Vector512.IsHardwareAccelerated));
        Row("Vector256", Accelerated(Vector256.IsHardwareAccelerated));
        Row("Vector128", Accelerated(Vector128.IsHardwareAccelerated));
        Row("kernel path: GEMM", KernelPaths.Gemm.ToString());
        Row("kernel path: element-wise", KernelPaths.Elementwise.ToString());
        Row("kernel path: optimizers", KernelPaths.Optimizers.ToString());
        Row("Vector128 multiply-add", KernelPaths.Vector128FusedMultiplyAdd ? "fused (one rounding)" : "multiply, then add (no FMA)");
        Row("float lanes", $"{Vector<float>.Count} (Vector<T>)");
        console.Ansi.Write(table);
    }

    private static void WriteLayers(CliConsole console, ClassifierModel classifier)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(Markup.Escape(classifier.Description)))
            .AddColumn("#").AddColumn("layer").AddColumn("type").AddColumn("in").AddColumn("out").AddColumn("parameters").AddColumn("settings");
        var layers = classifier.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            table.AddRow(new Text(Count(i + 1)), new Text(l.Name), new Text(l.GetType().Name.Split('`')[0]), new Text(Count(l.InputLength)), new Text(Count(l.OutputLength)), new Text(Count(l.ParameterLength)), new Text(Settings(l)));
        }

        console.Ansi.Write(table);
    }

    /// <summary>The hyperparameters a model file stores for the layer (the same description), or nothing for a layer NativeNet does not know.</summary>
    private static string Settings(ILayer<float> layer) => layer is IStorableLayer storable ? storable.Describe().Settings : string.Empty;

    private static string Accelerated(bool accelerated) => accelerated ? "hardware accelerated" : "not accelerated";

    private static string Version(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is null)
            return assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
