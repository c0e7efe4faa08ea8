using Google.Protobuf;
using NativeNet.IO;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Onnx.Export;
using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx;

/// <summary>
/// Writes a NativeNet model as an ONNX file (opset 13, IR version 7) that ONNX Runtime and other ONNX tools run:
/// input <c>input</c> <c>(N, InputSize)</c> float32, output <c>scores</c> <c>(N, classes)</c>, the class scores before
/// softmax (or the probabilities, for a layer list that ends in a <see cref="SoftmaxLayer{T}"/>). Affine layers become
/// Gemm, batch normalisation BatchNormalization with the running statistics, activations their ONNX operators,
/// and dropout what it does at inference (a multiplication by <c>1 - ratio</c> in the reference mode, nothing when inverted).
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX opset the exporter writes.</summary>
    public const int Opset = 13;

    /// <summary>The name of the exported model's input.</summary>
    public const string InputName = "input";

    /// <summary>The name of the exported model's output.</summary>
    public const string OutputName = "scores";

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
    public static void Save(Network<float> network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        Write(path, Serialize(network.Layers, network.InputSize));
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent here.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
    public static void Save(SequentialNetwork<float> network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        Write(path, Serialize(network.Layers, network.InputSize));
    }

    /// <summary>The ONNX bytes of the bound <paramref name="layers"/> (a network's <c>Layers</c>), taking <paramref name="inputSize"/> features.</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent here.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
    public static byte[] Serialize(IReadOnlyList<ILayer<float>> layers, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers.Count);
        var graph = new GraphProto { Name = "nativenet" };
        var builder = new OnnxGraphBuilder(graph);
        graph.Input.Add(OnnxGraphBuilder.BatchOf(InputName, inputSize));

        string x = InputName;
        for (int i = 0; i < layers.Count; i++)
        {
            string? output = i == layers.Count - 1 ? OutputName : null;
            x = AddLayer(builder, layers[i], i + 1, x, output);
        }

        if (x != OutputName)
        {
            x = builder.Node("Identity", [x], OutputName);
        }

        graph.Output.Add(OnnxGraphBuilder.BatchOf(OutputName, layers[^1].OutputLength));
        var model = new ModelProto { IrVersion = 7, ProducerName = "NativeNet", ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model.ToByteArray();
    }

    private static string AddLayer(OnnxGraphBuilder g, ILayer<float> layer, int k, string x, string? output)
    {
        switch (layer)
        {
            case AffineLayer<float> affine:
                CheckFinite(affine.Weights.Span, affine.Name);
                CheckFinite(affine.Bias.Span, affine.Name);
                string w = g.Initializer($"W{k}", [affine.InputLength, affine.OutputLength], affine.Weights.Span);
                string b = g.Initializer($"b{k}", [affine.OutputLength], affine.Bias.Span);
                return g.Node("Gemm", [x, w, b], output);
            case BatchNormalizationLayer<float> bn:
                long[] dims = [bn.InputLength];
                CheckFinite(bn.Gamma.Span, bn.Name);
                CheckFinite(bn.Beta.Span, bn.Name);
                CheckFinite(bn.RunningMean.Span, bn.Name);
                CheckFinite(bn.RunningVariance.Span, bn.Name);

                string[] inputs =
                [
                    x,
                    g.Initializer($"gamma{k}", dims, bn.Gamma.Span),
                    g.Initializer($"beta{k}", dims, bn.Beta.Span),
                    g.Initializer($"mean{k}", dims, bn.RunningMean.Span),
                    g.Initializer($"var{k}", dims, bn.RunningVariance.Span),
                ];
                return g.Node("BatchNormalization", inputs, output, OnnxGraphBuilder.Float("epsilon", (float)bn.Epsilon));
            case ReluLayer<float>:
                return g.Node("Relu", [x], output);
            case LeakyReluLayer<float> leaky:
                return g.Node("LeakyRelu", [x], output, OnnxGraphBuilder.Float("alpha", (float)leaky.Alpha));
            case SigmoidLayer<float>:
                return g.Node("Sigmoid", [x], output);
            case TanhLayer<float>:
                return g.Node("Tanh", [x], output);
            case SoftmaxLayer<float>:
                return g.Node("Softmax", [x], output, OnnxGraphBuilder.Int("axis", -1));
            case LogSoftmaxLayer<float>:
                return g.Node("LogSoftmax", [x], output, OnnxGraphBuilder.Int("axis", -1));
            case DropoutLayer<float> { Mode: DropoutMode.Inverted }:
                return output is null ? x : g.Node("Identity", [x], output);
            case DropoutLayer<float> dropout:
                string scale = g.Initializer($"keep{k}", [], [(float)(1 - dropout.Ratio)]);
                return g.Node("Mul", [x, scale], output);
            default:
                throw new NotSupportedException($"ONNX export: layer {k} ({layer.Name}, {layer.GetType().Name}) has no ONNX equivalent in NativeNet's exporter.");
        }
    }

    private static void CheckFinite(ReadOnlySpan<float> values, string layer)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new InvalidOperationException($"ONNX export: {layer} holds a NaN or infinite value (a diverged network); not exported.");
            }
        }
    }

    private static void Write(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
