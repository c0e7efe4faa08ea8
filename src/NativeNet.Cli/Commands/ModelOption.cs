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

    /// <summary>
    /// Loads a NativeNet .nnet model (a trained network, version 1, or any layer list, version 2) for inference; a
    /// missing, ONNX or corrupt file ends in a one-line error naming it.
    /// </summary>
    public static ClassifierModel LoadNative(string path, int batchCapacity = 100)
    {
        CheckExists(path);
        if (IsOnnx(path))
            throw new CliUsageException($"--model '{path}' is an ONNX model; this command needs a NativeNet .nnet model ('nativenet import' converts one).");
        if (NnetVersion(path) == ModelFile.NetworkFormatVersion)
        {
            var network = ModelFile.Load<float>(path, batchCapacity).Network;
            return new ClassifierModel(network.Options.Describe(), network.CreateSession(batchCapacity), network.Layers, network.CreateSession);
        }

        return FromLayerList("NativeNet", ModelFile.LoadSequential<float>(path), batchCapacity);
    }

    /// <summary>Loads a .nnet or an ONNX model for inference.</summary>
    public static ClassifierModel LoadAny(string path, int batchCapacity = 100)
    {
        CheckExists(path);
        return IsOnnx(path) ? FromLayerList("ONNX", OnnxImporter.Load(path), batchCapacity) : LoadNative(path, batchCapacity);
    }

    private static ClassifierModel FromLayerList(string origin, SequentialNetwork<float> network, int batchCapacity) =>
        new(origin + " " + string.Join(" -> ", network.Layers.Select(l => l.Name)), network.CreateSession(batchCapacity), network.Layers, network.CreateSession);

    /// <summary>The format version after the .nnet signature, or 0 when the file is too short to have one (the loader then names the problem).</summary>
    private static int NnetVersion(string path)
    {
        Span<byte> header = stackalloc byte[12];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) == 12 ? BitConverter.ToInt32(header[8..]) : 0;
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

    /// <summary>A model path must name an existing file: a folder or a missing file ends in a one-line error.</summary>
    internal static void CheckExists(string path)
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
/// <param name="Layers">The layers (bound to the model's parameters), for <c>nativenet info --model</c> and export.</param>
/// <param name="NewSession">Another session of the given batch capacity over the same parameters (one per thread, for <c>serve</c>).</param>
internal sealed record ClassifierModel(string Description, InferenceSession<float> Session, IReadOnlyList<ILayer<float>> Layers, Func<int, InferenceSession<float>> NewSession)
{
    /// <summary>True when the outputs are already probabilities (the model ends in Softmax), so no softmax is applied.</summary>
    public bool OutputsProbabilities => Layers[^1] is SoftmaxLayer<float>;
}
