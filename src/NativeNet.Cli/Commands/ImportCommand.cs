using System.CommandLine;
using NativeNet.Cli.Arguments;
using NativeNet.Onnx;
using NativeNet.Serialization;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet import --model M.onnx --to M.nnet</c>: converts an ONNX classifier once into a NativeNet model file (a layer list, format version 2).</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model", "-m") { Description = "The ONNX classifier to import (what PyTorch, Keras/tf2onnx or sklearn-onnx write for an MLP).", Required = true };
        var to = new Option<string>("--to") { Description = "The .nnet file to write; predict, eval, info, export and serve then take it.", Required = true };
        var command = new Command("import", "Convert an ONNX classifier into a NativeNet .nnet model file (its layers, weights and hyperparameters).") { model, to };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(to)!;
            OutputPaths.CheckFile("--to", path);
            var source = parseResult.GetValue(model)!;
            ModelOption.CheckExists(source);
            var network = OnnxImporter.Load(source);
            ModelFile.Save(path, network);
            console.WriteLine($"wrote {path}: {string.Join(" -> ", network.Layers.Select(l => l.Name))}, {network.Parameters.Values.Length} parameter values, model file format version {ModelFile.FormatVersion}");
            return CliApp.Success;
        });
        return command;
    }
}
