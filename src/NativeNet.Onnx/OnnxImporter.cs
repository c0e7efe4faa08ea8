using NativeNet.Networks;
using NativeNet.Onnx.Import;

namespace NativeNet.Onnx;

/// <summary>
/// Loads an ONNX classifier (what PyTorch, Keras/tf2onnx or sklearn-onnx write for an MLP) as a
/// <see cref="SequentialNetwork{T}"/> of NativeNet layers: predictions then run on NativeNet's kernels, with
/// <see cref="SequentialNetwork{T}.CreateSession"/>. See <see cref="SupportedOperators"/>.
/// </summary>
public static class OnnxImporter
{
    /// <summary>The operators the importer supports, as listed in its error messages.</summary>
    public static string SupportedOperators => OnnxErrors.SupportedOperators;

    /// <summary>Reads and converts the ONNX model at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidFileFormatException">The file is not valid ONNX, or the model uses what NativeNet cannot run (the message names the node, its op type and the supported operators).</exception>
    public static SequentialNetwork<float> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(OnnxModelReader.ReadFile(path), path);
    }

    /// <summary>Converts the ONNX model in <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The content of an .onnx file.</param>
    /// <param name="sourceName">Names the model in error messages.</param>
    /// <exception cref="InvalidFileFormatException">As for <see cref="Load(string)"/>.</exception>
    public static SequentialNetwork<float> Load(byte[] bytes, string sourceName = "model.onnx")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var model = OnnxModelReader.Parse(bytes, sourceName);
        OnnxGraphImporter graph;
        try
        {
            graph = OnnxGraphImporter.Import(model);
        }
        catch (InvalidFileFormatException e)
        {
            throw new InvalidFileFormatException($"{sourceName}: {e.Message}", e);
        }

        var layers = graph.Layers;
        var network = new SequentialNetwork<float>(graph.InputSize, () => [.. layers.Select((layer, i) => layer.Create(i + 1))]);
        for (int i = 0; i < layers.Count; i++)
        {
            layers[i].Load(network.Layers[i]);
        }

        return network;
    }
}
