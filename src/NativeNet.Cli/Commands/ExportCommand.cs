using System.CommandLine;
using NativeNet.Cli.Arguments;
using NativeNet.IO;
using NativeNet.Onnx;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet export --model M.nnet --to M.onnx</c>: writes a model as ONNX (opset 13) for ONNX Runtime and other tools.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelOption.Create();
        var to = new Option<string>("--to") { Description = "The ONNX file to write (input 'input' (N, features), output 'scores' (N, classes)).", Required = true };
        var command = new Command("export", "Export a saved .nnet model (trained, or imported and saved as a layer list) to ONNX (opset 13).") { model, to };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(to)!;
            OutputPaths.CheckFile("--to", path);
            var classifier = ModelOption.LoadNative(parseResult.GetValue(model)!);
            byte[] bytes = OnnxExporter.Serialize(classifier.Layers, classifier.Session.InputSize);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            AtomicFile.WriteAllBytes(path, bytes);
            console.WriteLine($"wrote {path}: {classifier.Description}, ONNX opset {OnnxExporter.Opset}");
            return CliApp.Success;
        });
        return command;
    }
}
