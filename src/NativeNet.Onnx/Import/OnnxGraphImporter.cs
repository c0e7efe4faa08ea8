using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx.Import;

/// <summary>
/// Turns an ONNX graph into a chain of NativeNet layers. Values are either constants (initializers, Constant
/// nodes, folded shape arithmetic) or the one activation flowing through the chain, shaped (N, ...); each node
/// either folds constants, appends a layer to the chain, or is a no-op on it. A graph that branches, or a node
/// this cannot express exactly, is rejected with the node named.
/// </summary>
internal sealed partial class OnnxGraphImporter
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal); // OnnxTensor or Activation
    private readonly List<ImportedLayer> _layers = [];
    private readonly int _opset;
    private Activation _latest;
    private string _node = "";

    private OnnxGraphImporter(int opset, Activation input)
    {
        _opset = opset;
        _latest = input;
    }

    /// <summary>The model's input, flattened: features per sample.</summary>
    public int InputSize { get; private init; }

    /// <summary>The layers in forward order.</summary>
    public IReadOnlyList<ImportedLayer> Layers => _layers;

    public static OnnxGraphImporter Import(ModelProto model)
    {
        int opset = Opset(model);
        var graph = model.Graph ?? throw OnnxErrors.Invalid("ONNX model: the file has no graph.");
        if (graph.Node.Count > OnnxLimits.MaxNodes)
        {
            throw OnnxErrors.Invalid($"ONNX graph: {graph.Node.Count} nodes; at most {OnnxLimits.MaxNodes} are supported.");
        }

        if (graph.SparseInitializer.Count > 0)
        {
            throw OnnxErrors.Invalid("ONNX graph: sparse initializers are not supported.");
        }

        var constants = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializer)
        {
            string what = $"initializer '{GraphOrder.Truncate(initializer.Name)}'";
            if (!constants.TryAdd(initializer.Name, TensorDecoder.Decode(initializer, what)))
            {
                throw OnnxErrors.Invalid($"ONNX graph: two initializers are named '{GraphOrder.Truncate(initializer.Name)}'.");
            }
        }

        var inputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToArray();
        if (inputs.Length != 1)
        {
            throw OnnxErrors.Invalid($"ONNX graph: NativeNet runs models with exactly one input, this one has {inputs.Length} ({string.Join(", ", inputs.Select(i => GraphOrder.Truncate(i.Name)))}).");
        }

        var input = InputActivation(inputs[0]);
        var importer = new OnnxGraphImporter(opset, input) { InputSize = input.Features };
        importer._values[inputs[0].Name] = input;
        foreach (var (name, tensor) in constants)
        {
            importer._values[name] = tensor;
        }

        int[] order = GraphOrder.Sort(graph, importer._values.Keys.ToHashSet(StringComparer.Ordinal));
        foreach (int i in order)
        {
            importer.Run(graph.Node[i], i);
        }

        importer.CheckOutput(graph);
        return importer;
    }

    private static int Opset(ModelProto model)
    {
        var standard = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").ToArray();
        if (standard.Length == 0)
        {
            throw OnnxErrors.Invalid("ONNX model: no opset_import for the standard domain, so the operator versions are unknown.");
        }

        long version = standard.Max(o => o.Version);
        if (version is < OnnxLimits.MinOpset or > OnnxLimits.MaxOpset)
        {
            throw OnnxErrors.Invalid($"ONNX model: opset {version} is not supported (opsets {OnnxLimits.MinOpset} to {OnnxLimits.MaxOpset} are).");
        }

        return (int)version;
    }

    private static Activation InputActivation(ValueInfoProto input)
    {
        string what = $"ONNX graph input '{GraphOrder.Truncate(input.Name)}'";
        var tensorType = input.Type?.TensorType ?? throw OnnxErrors.Invalid($"{what} is not a tensor.");
        if (tensorType.ElemType != (int)TensorProto.Types.DataType.Float)
        {
            throw OnnxErrors.Invalid($"{what} has element type {(TensorProto.Types.DataType)tensorType.ElemType}; NativeNet takes float32 input.");
        }

        var dims = tensorType.Shape?.Dim ?? throw OnnxErrors.Invalid($"{what} has no shape; NativeNet needs (N, features) or (N, 1, 28, 28).");
        if (dims.Count < 2 || dims.Count > OnnxLimits.MaxRank)
        {
            throw OnnxErrors.Invalid($"{what} has rank {dims.Count}; NativeNet takes (N, features) or (N, C, H, W) input.");
        }

        var shape = new long[dims.Count];
        shape[0] = OnnxTensor.BatchDim; // fixed or symbolic, the first dimension is the batch
        for (int k = 1; k < dims.Count; k++)
        {
            if (dims[k].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dims[k].DimValue <= 0)
            {
                throw OnnxErrors.Invalid($"{what}: dimension {k} must be a fixed positive size; only the batch dimension may be dynamic.");
            }

            shape[k] = dims[k].DimValue;
        }

        return new Activation(shape, FeaturesOf(shape, what));
    }

    private static int FeaturesOf(long[] shape, string what)
    {
        long features = TensorDecoder.ElementCount(shape[1..], what);
        if (features == 0)
        {
            throw OnnxErrors.Invalid($"{what} has no features per sample: {OnnxTensor.Describe(shape)}.");
        }

        if (features > OnnxLimits.MaxFeatures)
        {
            throw OnnxErrors.Invalid($"{what} has {features} features per sample; at most {OnnxLimits.MaxFeatures} are supported.");
        }

        return (int)features;
    }

    private void CheckOutput(GraphProto graph)
    {
        if (graph.Output.Count == 0)
        {
            throw OnnxErrors.Invalid("ONNX graph: no output.");
        }

        string name = graph.Output[0].Name;
        if (!_values.TryGetValue(name, out object? value) || !ReferenceEquals(value, _latest))
        {
            throw OnnxErrors.Invalid($"ONNX graph: the output '{GraphOrder.Truncate(name)}' is not the end of the layer chain (NativeNet runs one chain from the input to the first output).");
        }

        if (_layers.Count == 0)
        {
            throw OnnxErrors.Invalid("ONNX graph: the output is the input; there is no layer to run.");
        }

        long activations = _layers.Sum(layer => (long)layer.OutputLength);
        if (activations > OnnxLimits.MaxActivationsPerSample)
        {
            throw OnnxErrors.Invalid($"ONNX graph: the layers hold {activations} activation values per sample; at most {OnnxLimits.MaxActivationsPerSample} are supported.");
        }

        if (_latest.Dims.Length != 2)
        {
            throw OnnxErrors.Invalid($"ONNX graph: the output has shape {OnnxTensor.Describe(_latest.Dims)}; NativeNet models output (N, classes).");
        }
    }

    /// <summary>The activation flowing through the chain: its ONNX shape (dimension 0 is the batch) and features per sample.</summary>
    private sealed record Activation(long[] Dims, int Features);
}
