using System.CommandLine;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Onnx;
using NativeNet.Serialization;

namespace NativeNet.Cli.Commands;

/// <summary>The <c>--model FILE</c> option and loading the file it names.</summary>
internal static class ModelOption
{
    public static Option<string> Create() => new("--model", "-m")
    {
        Description = "Model file: a .nnet written by 'nativenet train', or an ONNX classifier (.onnx).",
        Required = true,
    };

    /// <summary>Loads a float model; a missing file or a corrupt one ends in a one-line error naming it.</summary>
    public static Network<float> Load(string path, int batchCapacity = 100)
    {
        CheckExists(path);
        if (IsOnnx(path))
            throw new CliUsageException($"--model '{path}' is an ONNX model; this command needs a NativeNet .nnet model.");
        return ModelFile.Load<float>(path, batchCapacity).Network;
    }

    /// <summary>Loads a .nnet or an ONNX model for inference.</summary>
    public static ClassifierModel LoadAny(string path, int batchCapacity = 100)
    {
        CheckExists(path);
        if (IsOnnx(path))
        {
            var imported = OnnxImporter.Load(path);
            return new ClassifierModel("ONNX " + string.Join(" -> ", imported.Layers.Select(l => l.Name)), imported.CreateSession(batchCapacity), imported.Layers);
        }

        var network = ModelFile.Load<float>(path, batchCapacity).Network;
        return new ClassifierModel(network.Options.Describe(), network.CreateSession(batchCapacity), network.Layers);
    }

    /// <summary>An .onnx name, or any file that does not start with the .nnet signature.</summary>
    private static bool IsOnnx(string path)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            return true;
        Span<byte> magic = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 8, throwOnEndOfStream: false) == 8 && !magic.SequenceEqual("NNETMODL"u8) && magic[0] == 0x08; // ONNX starts with field 1 (ir_version)
    }

    private static void CheckExists(string path)
    {
        if (Directory.Exists(path))
            throw new CliUsageException($"--model '{path}' is a folder; give the model file in it that 'nativenet train --out' wrote (model.nnet by default).");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
    }
}

/// <summary>A model ready to predict, from a .nnet or an .onnx file.</summary>
/// <param name="Description">The architecture in one line.</param>
/// <param name="Session">Predicts the outputs.</param>
/// <param name="Layers">The layers, for <c>nativenet info --model</c>.</param>
internal sealed record ClassifierModel(string Description, InferenceSession<float> Session, IReadOnlyList<ILayer<float>> Layers)
{
    /// <summary>True when the outputs are already probabilities (the model ends in Softmax), so no softmax is applied.</summary>
    public bool OutputsProbabilities => Layers[^1] is SoftmaxLayer<float>;
}
