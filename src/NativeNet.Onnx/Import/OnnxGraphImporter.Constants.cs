using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx.Import;

/// <summary>Constant folding (the shape arithmetic exporters write around Reshape) and the helpers of the handlers.</summary>
internal sealed partial class OnnxGraphImporter
{
    private OnnxTensor ConstantValue(NodeProto node)
    {
        var attribute = node.Attribute.FirstOrDefault() ?? throw OnnxErrors.Invalid($"{_node}: a Constant without a value.");
        return attribute.Name switch
        {
            "value" when attribute.T is not null => TensorDecoder.Decode(attribute.T, $"{_node} value"),
            "value_float" => OnnxTensor.OfFloats([], [attribute.F]),
            "value_floats" => OnnxTensor.OfFloats([attribute.Floats.Count], [.. attribute.Floats]),
            "value_int" => OnnxTensor.OfInts([], [attribute.I]),
            "value_ints" => OnnxTensor.OfInts([attribute.Ints.Count], [.. attribute.Ints]),
            _ => throw OnnxErrors.Unsupported(_node, $"a Constant given as '{GraphOrder.Truncate(attribute.Name)}'"),
        };
    }

    private void Shape(NodeProto node)
    {
        long[] dims = Input(node, 0) switch
        {
            Activation x => x.Dims,
            OnnxTensor c => c.Dims,
            _ => throw OnnxErrors.Unsupported(_node, "it has no input"),
        };
        long rank = dims.Length;
        long start = Math.Clamp(Normalize(AttrInt(node, "start", 0), rank, clamp: true), 0, rank);
        long end = Math.Clamp(Normalize(AttrInt(node, "end", rank), rank, clamp: true), 0, rank);
        long[] slice = end > start ? dims[(int)start..(int)end] : [];
        SetOutput(node, OnnxTensor.OfInts([slice.Length], slice));
    }

    private void Gather(NodeProto node)
    {
        var data = ConstInput(node, 0, "data");
        long[] indices = IntValues(ConstInput(node, 1, "indices"), "indices");
        var indexDims = ConstInput(node, 1, "indices").Dims;
        if (data.Dims.Length != 1 || Normalize(AttrInt(node, "axis", 0), 1) != 0 || indexDims.Length > 1)
        {
            throw OnnxErrors.Unsupported(_node, "Gather is folded for a 1-D constant (a shape) and scalar or 1-D indices only");
        }

        long length = data.Dims[0];
        var picked = new long[indices.Length];
        var pickedFloats = new float[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            long k = indices[i] < 0 ? indices[i] + length : indices[i];
            if (k < 0 || k >= length)
            {
                throw OnnxErrors.Invalid($"{_node}: index {indices[i]} is outside a tensor of {length} values.");
            }

            if (data.Ints is not null)
            {
                picked[i] = data.Ints[k];
            }
            else
            {
                pickedFloats[i] = data.Floats![k];
            }
        }

        long[] dims = indexDims.Length == 0 ? [] : [indices.Length];
        SetOutput(node, data.Ints is not null ? OnnxTensor.OfInts(dims, picked) : OnnxTensor.OfFloats(dims, pickedFloats));
    }

    private void Unsqueeze(NodeProto node)
    {
        var data = ConstInput(node, 0, "data");
        long[] axes = _opset < 13 ? [.. Attribute(node, "axes")?.Ints ?? []] : IntValues(ConstInput(node, 1, "axes"), "axes");
        int rank = data.Dims.Length + axes.Length;
        if (axes.Length == 0 || rank > OnnxLimits.MaxRank)
        {
            throw OnnxErrors.Invalid($"{_node}: {axes.Length} axes for a rank-{data.Dims.Length} tensor.");
        }

        var inserted = new bool[rank];
        foreach (long axis in axes)
        {
            long k = Normalize(axis, rank);
            if (inserted[k])
            {
                throw OnnxErrors.Invalid($"{_node}: axis {axis} is given twice.");
            }

            inserted[k] = true;
        }

        var dims = new long[rank];
        for (int k = 0, from = 0; k < rank; k++)
        {
            dims[k] = inserted[k] ? 1 : data.Dims[from++];
        }

        SetOutput(node, data.Ints is not null ? OnnxTensor.OfInts(dims, data.Ints) : OnnxTensor.OfFloats(dims, data.Floats!));
    }

    private void Concat(NodeProto node)
    {
        var parts = new List<long>();
        for (int k = 0; k < node.Input.Count; k++)
        {
            var part = ConstInput(node, k, $"input {k}");
            if (part.Dims.Length != 1 || part.Ints is null)
            {
                throw OnnxErrors.Unsupported(_node, "Concat is folded for 1-D integer constants (shapes) only");
            }

            parts.AddRange(part.Ints);
        }

        SetOutput(node, OnnxTensor.OfInts([parts.Count], [.. parts]));
    }

    private void Cast(NodeProto node)
    {
        var data = ConstInput(node, 0, "input");
        var to = (TensorProto.Types.DataType)AttrInt(node, "to", 0);
        OnnxTensor result = to switch
        {
            TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Int32 => data.Ints is not null ? data : OnnxTensor.OfInts(data.Dims, Array.ConvertAll(data.Floats!, f => (long)f)),
            TensorProto.Types.DataType.Float => data.Floats is not null ? data : OnnxTensor.OfFloats(data.Dims, Array.ConvertAll(data.Ints!, i => (float)i)),
            _ => throw OnnxErrors.Unsupported(_node, $"a Cast to {to}"),
        };
        SetOutput(node, result);
    }

    private object? Input(NodeProto node, int k) =>
        k < node.Input.Count && node.Input[k].Length > 0 ? _values.GetValueOrDefault(node.Input[k]) : null;

    private Activation DynamicInput(NodeProto node, int k)
    {
        if (Input(node, k) is not Activation x)
        {
            throw OnnxErrors.Unsupported(_node, $"input {k} must be the activation flowing from the model's input, not a constant");
        }

        RequireLatest(x);
        return x;
    }

    private void RequireLatest(Activation x)
    {
        if (!ReferenceEquals(x, _latest))
        {
            throw OnnxErrors.Unsupported(_node, "the graph branches (this node reads an earlier activation); NativeNet runs a single chain of layers");
        }
    }

    private OnnxTensor ConstInput(NodeProto node, int k, string what) => Input(node, k) switch
    {
        OnnxTensor c => c,
        null => throw OnnxErrors.Invalid($"{_node}: {what} (input {k}) is missing."),
        _ => throw OnnxErrors.Unsupported(_node, $"{what} (input {k}) must be a constant (an initializer), not computed from the model's input"),
    };

    private void SetOutput(NodeProto node, object value)
    {
        if (node.Output.Count == 0 || node.Output[0].Length == 0)
        {
            throw OnnxErrors.Invalid($"{_node}: has no output.");
        }

        _values[node.Output[0]] = value;
    }

    private long[] IntValues(OnnxTensor tensor, string what) =>
        tensor.Ints ?? throw OnnxErrors.Unsupported(_node, $"{what} must be an integer tensor");

    private float[] FloatValues(OnnxTensor tensor, string what) =>
        tensor.Floats ?? throw OnnxErrors.Unsupported(_node, $"{what} must be a float32 tensor");

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    private static long AttrInt(NodeProto node, string name, long fallback) => Attribute(node, name) is { } a ? a.I : fallback;

    private static float AttrFloat(NodeProto node, string name, float fallback) => Attribute(node, name) is { } a ? a.F : fallback;

    /// <summary>A possibly negative axis as an index in [0, rank); out of range is an error unless clamped (Shape's start/end).</summary>
    private long Normalize(long axis, long rank, bool clamp = false)
    {
        long k = axis < 0 ? axis + rank : axis;
        if (!clamp && (k < 0 || k >= rank))
        {
            throw OnnxErrors.Invalid($"{_node}: axis {axis} is out of range for rank {rank}.");
        }

        return k;
    }
}
