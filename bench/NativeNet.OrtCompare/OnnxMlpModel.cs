using System.Runtime.InteropServices;
using NativeNet.Layers;
using NativeNet.Networks;

namespace NativeNet.OrtCompare;

/// <summary>
/// Writes a NativeNet network of Affine and ReLU layers as an ONNX model with the same weights: one <c>Gemm</c>
/// (<c>X·W + b</c>, W stored <c>(D, M)</c> as NativeNet stores it) per Affine layer and one <c>Relu</c> per ReLU layer.
/// The graph ends at the class scores, before softmax, which is what <see cref="Network{T}.Predict"/> returns.
/// Written straight to the protobuf wire format (field numbers from onnx.proto) so no Python or ONNX tooling is needed.
/// </summary>
public static class OnnxMlpModel
{
    /// <summary>The graph's input name, <c>(rows, InputSize)</c>.</summary>
    public const string InputName = "x";

    /// <summary>The graph's output name, <c>(rows, OutputSize)</c>.</summary>
    public const string OutputName = "scores";

    private const int FloatElementType = 1; // TensorProto.DataType.FLOAT
    private const long IrVersion = 8;
    private const long OpsetVersion = 17;

    /// <summary>The serialized model for a fixed batch of <paramref name="rows"/>.</summary>
    /// <exception cref="NotSupportedException">The network has a layer other than Affine or ReLU.</exception>
    public static byte[] Build(Network<float> network, int rows)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer copies floats as they lie in memory.");
        }

        var graph = new ProtoWriter();
        string current = InputName;
        for (int i = 0; i < network.Layers.Count; i++)
        {
            string output = i == network.Layers.Count - 1 ? OutputName : $"h{i}";
            switch (network.Layers[i])
            {
                case AffineLayer<float> affine:
                    string w = $"W{i}", b = $"b{i}";
                    graph.Message(5, Initializer(w, [affine.InputLength, affine.OutputLength], affine.Weights.Span));
                    graph.Message(5, Initializer(b, [affine.OutputLength], affine.Bias.Span));
                    graph.Message(1, Node("Gemm", $"gemm{i}", [current, w, b], output));
                    break;
                case ReluLayer<float>:
                    graph.Message(1, Node("Relu", $"relu{i}", [current], output));
                    break;
                default:
                    throw new NotSupportedException($"Layer {i} ({network.Layers[i].Name}) has no ONNX mapping here; only Affine and ReLU layers do.");
            }

            current = output;
        }

        graph.String(2, "nativenet_mlp");
        graph.Message(11, ValueInfo(InputName, rows, network.InputSize));
        graph.Message(12, ValueInfo(OutputName, rows, network.OutputSize));

        var opset = new ProtoWriter().String(1, string.Empty).Varint(2, OpsetVersion);
        return new ProtoWriter()
            .Varint(1, IrVersion)
            .String(2, "NativeNet.OrtCompare")
            .Message(7, graph)
            .Message(8, opset)
            .ToArray();
    }

    private static ProtoWriter Node(string opType, string name, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        return node.String(2, output).String(3, name).String(4, opType);
    }

    private static ProtoWriter Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Varint(1, dim);
        }

        return tensor.Varint(2, FloatElementType).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values));
    }

    private static ProtoWriter ValueInfo(string name, long rows, long columns)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().Varint(1, rows))
            .Message(1, new ProtoWriter().Varint(1, columns));
        var tensorType = new ProtoWriter().Varint(1, FloatElementType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
