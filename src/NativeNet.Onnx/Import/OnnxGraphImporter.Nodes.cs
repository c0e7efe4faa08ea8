using NativeNet.Layers;
using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx.Import;

/// <summary>The node handlers: one method per supported operator.</summary>
internal sealed partial class OnnxGraphImporter
{
    private void Run(NodeProto node, int index)
    {
        _node = GraphOrder.Describe(node, index);
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw OnnxErrors.Unsupported(_node, $"operators of domain '{GraphOrder.Truncate(node.Domain)}' are not supported");
        }

        switch (node.OpType)
        {
            case "Identity":
            case "Dropout":
                PassThrough(node);
                break;
            case "Relu":
                Append(node, width => new ImportedActivation(width, w => new ReluLayer<float>(w)));
                break;
            case "LeakyRelu":
                float alpha = AttrFloat(node, "alpha", 0.01f);
                if (!float.IsFinite(alpha))
                {
                    throw OnnxErrors.Unsupported(_node, $"alpha {alpha} is not finite");
                }

                Append(node, width => new ImportedActivation(width, w => new LeakyReluLayer<float>(w, alpha)));
                break;
            case "Sigmoid":
                Append(node, width => new ImportedActivation(width, w => new SigmoidLayer<float>(w)));
                break;
            case "Tanh":
                Append(node, width => new ImportedActivation(width, w => new TanhLayer<float>(w)));
                break;
            case "Softmax":
            case "LogSoftmax":
                RowSoftmax(node);
                break;
            case "Flatten":
                Flatten(node);
                break;
            case "Reshape":
                Reshape(node);
                break;
            case "Gemm":
                Gemm(node);
                break;
            case "MatMul":
                MatMul(node);
                break;
            case "Add":
                Add(node);
                break;
            case "BatchNormalization":
                BatchNormalization(node);
                break;
            case "Constant":
                SetOutput(node, ConstantValue(node));
                break;
            case "Shape":
                Shape(node);
                break;
            case "Gather":
                Gather(node);
                break;
            case "Unsqueeze":
                Unsqueeze(node);
                break;
            case "Concat":
                Concat(node);
                break;
            case "Cast":
                Cast(node);
                break;
            default:
                throw OnnxErrors.Unsupported(_node, "this operator is not supported");
        }
    }

    private void PassThrough(NodeProto node)
    {
        object value = Input(node, 0) ?? throw OnnxErrors.Unsupported(_node, "it has no input");
        if (node.OpType == "Dropout" && Input(node, 2) is OnnxTensor { Length: 1 } mode && ((mode.Ints?[0] ?? 0) != 0 || (mode.Floats?[0] ?? 0) != 0))
        {
            throw OnnxErrors.Unsupported(_node, "dropout in training mode is random; NativeNet imports inference graphs");
        }

        if (value is Activation activation)
        {
            RequireLatest(activation);
        }

        SetOutput(node, value);
    }

    private void Append(NodeProto node, Func<int, ImportedLayer> layer)
    {
        var x = DynamicInput(node, 0);
        AppendLayer(node, layer(x.Features), x.Dims);
    }

    private void AppendLayer(NodeProto node, ImportedLayer layer, long[] dims)
    {
        _layers.Add(layer);
        _latest = new Activation(dims, layer.OutputLength);
        SetOutput(node, _latest);
    }

    private void RowSoftmax(NodeProto node)
    {
        var x = DynamicInput(node, 0);
        int rank = x.Dims.Length;

        // Before opset 13 the input is coerced to 2-D at `axis` (default 1): axis 1 is one row per sample. From 13 the
        // operator works on one axis (default -1): the last, and a row per sample only when the other dims are 1.
        long axis = Normalize(AttrInt(node, "axis", _opset < 13 ? 1 : -1), rank);
        bool rowWise = _opset < 13 ? axis == 1 : axis == rank - 1 && x.Dims[1..^1].All(d => d == 1);
        if (!rowWise)
        {
            throw OnnxErrors.Unsupported(_node, $"{node.OpType} over axis {axis} of a {OnnxTensor.Describe(x.Dims)} input is not over each sample's features");
        }

        bool log = node.OpType == "LogSoftmax";
        AppendLayer(node, new ImportedActivation(x.Features, w => log ? new LogSoftmaxLayer<float>(w) : new SoftmaxLayer<float>(w)), x.Dims);
    }

    private void Flatten(NodeProto node)
    {
        var x = DynamicInput(node, 0);
        long axis = Normalize(AttrInt(node, "axis", 1), x.Dims.Length + 1);
        if (axis != 1)
        {
            throw OnnxErrors.Unsupported(_node, $"Flatten at axis {axis} mixes the batch into the features (only axis 1 is supported)");
        }

        Alias(node, x with { Dims = [OnnxTensor.BatchDim, x.Features] });
    }

    private void Reshape(NodeProto node)
    {
        var x = DynamicInput(node, 0);
        long[] shape = IntValues(ConstInput(node, 1, "the target shape"), "the target shape");
        bool allowZero = AttrInt(node, "allowzero", 0) != 0;
        var dims = new long[shape.Length];
        int inferred = -1;
        long known = 1;
        for (int k = 0; k < shape.Length; k++)
        {
            long d = shape[k] == 0 && !allowZero ? (k < x.Dims.Length ? x.Dims[k] : throw OnnxErrors.Invalid($"{_node}: copies dimension {k} of a rank-{x.Dims.Length} input.")) : shape[k];
            if (d == -1)
            {
                if (inferred >= 0)
                {
                    throw OnnxErrors.Invalid($"{_node}: the target shape {OnnxTensor.Describe(shape)} has two -1.");
                }

                inferred = k;
            }
            else if (d == OnnxTensor.BatchDim)
            {
                if (k != 0)
                {
                    throw OnnxErrors.Unsupported(_node, $"the target shape {OnnxTensor.Describe(shape)} moves the batch dimension");
                }
            }
            else if (d < 0 || (k == 0 && d != 0) || d == 0)
            {
                throw OnnxErrors.Unsupported(_node, $"the target shape {OnnxTensor.Describe(shape)} does not keep the batch as dimension 0");
            }
            else
            {
                if (d > OnnxLimits.MaxElements || known > OnnxLimits.MaxElements / d)
                {
                    throw OnnxErrors.Invalid($"{_node}: the target shape {OnnxTensor.Describe(shape)} is too large.");
                }

                known *= d;
            }

            dims[k] = d;
        }

        bool batchFirst = dims.Length > 0 && (dims[0] == OnnxTensor.BatchDim || inferred == 0);
        if (!batchFirst)
        {
            throw OnnxErrors.Unsupported(_node, $"the target shape {OnnxTensor.Describe(shape)} does not keep the batch as dimension 0");
        }

        if (inferred > 0)
        {
            if (x.Features % known != 0)
            {
                throw OnnxErrors.Invalid($"{_node}: cannot reshape {x.Features} features into {OnnxTensor.Describe(shape)}.");
            }

            dims[inferred] = x.Features / known;
            known = x.Features;
        }

        dims[0] = OnnxTensor.BatchDim;
        if (known != x.Features)
        {
            throw OnnxErrors.Invalid($"{_node}: cannot reshape {x.Features} features per sample into {OnnxTensor.Describe(shape)}.");
        }

        Alias(node, x with { Dims = dims });
    }

    private void Gemm(NodeProto node)
    {
        var x = DynamicInput(node, 0);
        var b = ConstInput(node, 1, "B (the weights)");
        if (AttrInt(node, "transA", 0) != 0)
        {
            throw OnnxErrors.Unsupported(_node, "transA = 1 puts the batch on the columns");
        }

        float alpha = AttrFloat(node, "alpha", 1f);
        float beta = AttrFloat(node, "beta", 1f);
        bool transB = AttrInt(node, "transB", 0) != 0;
        var c = Input(node, 2) is null ? null : ConstInput(node, 2, "C (the bias)");
        AppendAffine(node, x, b, transB, alpha, c, beta);
    }

    private void MatMul(NodeProto node)
    {
        var x = DynamicInput(node, 0);
        var b = ConstInput(node, 1, "B (the weights)");
        AppendAffine(node, x, b, transpose: false, 1f, bias: null, 1f);
    }

    private void AppendAffine(NodeProto node, Activation x, OnnxTensor b, bool transpose, float alpha, OnnxTensor? bias, float beta)
    {
        if (x.Dims.Length != 2)
        {
            throw OnnxErrors.Unsupported(_node, $"the input has shape {OnnxTensor.Describe(x.Dims)}; a product needs (N, features): flatten first");
        }

        float[] w = FloatValues(b, "B");
        if (b.Dims.Length != 2)
        {
            throw OnnxErrors.Unsupported(_node, $"the weights have shape {OnnxTensor.Describe(b.Dims)}, not a matrix");
        }

        int k = (int)(transpose ? b.Dims[1] : b.Dims[0]);
        int m = (int)(transpose ? b.Dims[0] : b.Dims[1]);
        if (k != x.Features || m == 0 || m > OnnxLimits.MaxFeatures)
        {
            throw OnnxErrors.Invalid($"{_node}: weights {OnnxTensor.Describe(b.Dims)}{(transpose ? " (transposed)" : "")} do not take {x.Features} features.");
        }

        // NativeNet keeps W as (K, M): a transposed B is transposed once here, and alpha folded in.
        var weights = new float[w.Length];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < m; j++)
            {
                weights[(i * m) + j] = alpha * (transpose ? w[(j * k) + i] : w[(i * m) + j]);
            }
        }

        var biasValues = new float[m];
        if (bias is not null)
        {
            AddBroadcast(biasValues, bias, beta, "C");
        }

        AppendLayer(node, new ImportedAffine(k, m, weights, biasValues), [OnnxTensor.BatchDim, m]);
    }

    private void Add(NodeProto node)
    {
        object? a = Input(node, 0);
        object? b = Input(node, 1);
        (Activation? x, OnnxTensor? c) = (a, b) switch
        {
            (Activation xa, OnnxTensor cb) => (xa, cb),
            (OnnxTensor ca, Activation xb) => (xb, ca),
            _ => (null, null),
        };
        if (x is null || c is null)
        {
            throw OnnxErrors.Unsupported(_node, "Add is supported as the bias of a MatMul or Gemm: one activation plus one constant");
        }

        RequireLatest(x);
        if (_layers.Count == 0 || _layers[^1] is not ImportedAffine affine || x.Dims.Length != 2)
        {
            throw OnnxErrors.Unsupported(_node, "Add is supported as the bias right after MatMul or Gemm");
        }

        AddBroadcast(affine.Bias, c, 1f, "the addend");
        Alias(node, x);
    }

    private void AddBroadcast(float[] bias, OnnxTensor c, float scale, string what)
    {
        float[] values = FloatValues(c, what);
        bool perColumn = values.Length == bias.Length && c.Dims.Length >= 1 && c.Dims[^1] == bias.Length && c.Dims[..^1].All(d => d == 1);
        bool scalar = values.Length == 1 && c.Dims.All(d => d == 1);
        if (!perColumn && !scalar)
        {
            throw OnnxErrors.Unsupported(_node, $"{what} has shape {OnnxTensor.Describe(c.Dims)}, which is not one value per output ({bias.Length})");
        }

        for (int j = 0; j < bias.Length; j++)
        {
            bias[j] += scale * values[perColumn ? j : 0];
        }
    }

    private void BatchNormalization(NodeProto node)
    {
        var x = DynamicInput(node, 0);
        if (AttrInt(node, "training_mode", 0) != 0)
        {
            throw OnnxErrors.Unsupported(_node, "batch normalisation in training mode; NativeNet imports inference graphs");
        }

        if (x.Dims.Length != 2)
        {
            throw OnnxErrors.Unsupported(_node, $"batch normalisation of a {OnnxTensor.Describe(x.Dims)} input (per channel of an image) is not supported; (N, features) is");
        }

        int width = x.Features;
        float[] Parameter(int k, string name)
        {
            float[] values = FloatValues(ConstInput(node, k, name), name);
            return values.Length == width ? values : throw OnnxErrors.Invalid($"{_node}: {name} has {values.Length} values for {width} features.");
        }

        float[] scale = Parameter(1, "scale");
        float[] shift = Parameter(2, "B");
        float[] mean = Parameter(3, "input_mean");
        float[] variance = Parameter(4, "input_var");
        float epsilon = AttrFloat(node, "epsilon", 1e-5f);
        if (!(epsilon > 0) || !float.IsFinite(epsilon))
        {
            throw OnnxErrors.Unsupported(_node, $"epsilon {epsilon} is not positive");
        }

        AppendLayer(node, new ImportedBatchNorm(width, epsilon, scale, shift, mean, variance), x.Dims);
    }

    private void Alias(NodeProto node, Activation value)
    {
        _latest = value;
        SetOutput(node, value);
    }
}
