using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using NativeNet.Onnx;
using NativeNet.Onnx.Protos;
using NativeNet.Tensors;
using NativeNet.Tests.Onnx;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Damaged and forged ONNX files: whatever the bytes, the importer returns a network that predicts, or throws
/// <see cref="InvalidFileFormatException"/> naming the problem; it never crashes and allocates at most a bound
/// (the files are a few kilobytes, so a declared size it believed would show). 12 000 files in all.
/// </summary>
public sealed class HostileOnnxFileTests
{
    /// <summary>What importing one file of at most a few tens of kilobytes may allocate.</summary>
    private const long MaxAllocatedBytes = 16 << 20;

    private static readonly Lazy<byte[][]> _validFiles = new(() =>
        [.. OnnxFixture.All.Select(f => File.ReadAllBytes(f.ModelPath))]);

    [Property(MaxTest = 6000, Replay = "201,11400714819323198485")]
    public Property Byte_damaged_files_import_or_throw_InvalidFileFormatException()
    {
        var cases = from file in Gen.Elements(_validFiles.Value) from damaged in HostileInputs.Mutate(file) select damaged;
        return HostileInputs.ForAll(cases, Import, MaxAllocatedBytes);
    }

    [Property(MaxTest = 6000, Replay = "202,11400714819323198485")]
    public Property Structurally_forged_models_import_or_throw_InvalidFileFormatException()
    {
        var cases = from file in Gen.Elements(_validFiles.Value) from forged in Forge(file) select forged;
        return HostileInputs.ForAll(cases, Import, MaxAllocatedBytes);
    }

    [Fact]
    public void A_truncated_protobuf_is_named()
    {
        byte[] file = _validFiles.Value[0];
        var error = AssertRejectedCheaply(file[..(file.Length / 2)]);
        Assert.Contains("not a valid ONNX model", error.Message);
    }

    [Fact]
    public void A_2_GB_declared_length_is_a_truncation_not_an_allocation()
    {
        // ModelProto field 7 (graph), length-delimited, declaring 0x7FFFFFF0 bytes, followed by 8 bytes.
        byte[] file = [0x3A, 0xF0, 0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3, 4, 5, 6, 7, 8];
        var error = AssertRejectedCheaply(file);
        Assert.Contains("not a valid ONNX model", error.Message);
    }

    [Fact]
    public void Overflowing_dims_are_named()
    {
        var model = Model(0);
        model.Graph.Initializer[0].Dims[0] = 1L << 40;
        model.Graph.Initializer[0].Dims.Add(1L << 40);
        var error = AssertRejectedCheaply(model.ToByteArray());
        Assert.Contains("overflows", error.Message);
        Assert.Contains(model.Graph.Initializer[0].Name, error.Message);
    }

    [Fact]
    public void A_node_cycle_is_named()
    {
        var model = Model(0);
        var nodes = model.Graph.Node;
        nodes[0].Input[0] = nodes[^1].Output[0];
        model.Graph.Output[0].Name = "unreached";
        var error = AssertRejectedCheaply(model.ToByteArray());
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void A_missing_initializer_is_named()
    {
        var model = Model(0);
        string name = model.Graph.Initializer[0].Name;
        model.Graph.Initializer.RemoveAt(0);
        var error = AssertRejectedCheaply(model.ToByteArray());
        Assert.Contains($"'{name}', which no node, initializer or graph input provides", error.Message);
    }

    [Fact]
    public void An_initializer_whose_length_does_not_match_its_dims_is_named()
    {
        var model = Model(0);
        var tensor = model.Graph.Initializer.First(t => t.Dims.Count == 2);
        tensor.RawData = ByteString.CopyFrom(tensor.RawData.Span[..^4]);
        var error = AssertRejectedCheaply(model.ToByteArray());
        Assert.Contains($"initializer '{tensor.Name}' declares dims", error.Message);
    }

    [Fact]
    public void An_unsupported_operator_names_the_node_its_op_type_and_the_supported_list()
    {
        var model = Model(0);
        model.Graph.Node[^1].OpType = "Conv";
        var error = AssertRejectedCheaply(model.ToByteArray());
        Assert.Contains("(Conv)", error.Message);
        Assert.Contains(model.Graph.Node[^1].Name, error.Message);
        Assert.Contains("Supported operators: Gemm, MatMul", error.Message);
    }

    private static ModelProto Model(int index) => ModelProto.Parser.ParseFrom(_validFiles.Value[index]);

    private static InvalidFileFormatException AssertRejectedCheaply(byte[] file)
    {
        Import(file); // warm-up: JIT and type loading allocate on the first call
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidFileFormatException>(() => OnnxImporter.Load(file, "forged.onnx"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        Assert.StartsWith("forged.onnx: ", error.Message);
        return error;
    }

    /// <summary>Imports <paramref name="bytes"/>: a network that loads must predict finite or NaN-free-of-crash scores; anything else must be InvalidFileFormatException.</summary>
    private static void Import(byte[] bytes)
    {
        try
        {
            var network = OnnxImporter.Load(bytes, "hostile.onnx");
            var session = network.CreateSession(batchCapacity: 2);
            var x = new float[2 * session.InputSize];
            var scores = new float[2 * session.OutputSize];
            session.Predict(new ReadOnlyTensorView<float>(x, new Shape(2, session.InputSize)), new TensorView<float>(scores, new Shape(2, session.OutputSize)));
        }
        catch (InvalidFileFormatException e)
        {
            Assert.StartsWith("hostile.onnx: ", e.Message);
            Assert.True(e.Message.Length > "hostile.onnx: ".Length + 10, e.Message);
        }
    }

    /// <summary>One structural forgery of a valid model, made at the protobuf level so it gets past the parser.</summary>
    private static Gen<byte[]> Forge(byte[] file)
    {
        var model = ModelProto.Parser.ParseFrom(file);
        // Indices are taken modulo the counts when applied, since a first edit may remove items.
        Gen<int> index = Gen.Choose(0, 1000);
        Gen<long> hostileLongs = Gen.OneOf(
            HostileInputs.HostileInts.Select(i => (long)i),
            Gen.Elements(long.MaxValue, long.MinValue, 1L << 32, 1L << 40, 1L << 62, -1L, 0L, 1L));
        Gen<string> opTypes = Gen.Elements("Gemm", "MatMul", "Add", "Relu", "Softmax", "Reshape", "Flatten", "Shape", "Gather", "Concat", "Unsqueeze", "Constant", "BatchNormalization", "Conv", "", "Loop", "Identity", "Cast");
        Gen<string> attributeNames = Gen.Elements("axis", "transA", "transB", "alpha", "beta", "epsilon", "allowzero", "to", "start", "end", "axes", "training_mode", "value");

        var edits = new List<Gen<Action<ModelProto>>>
        {
            // An initializer dimension set to a hostile value, or one more dimension.
            from i in index
            from value in hostileLongs
            from append in Gen.Elements(false, true)
            select (Action<ModelProto>)(m =>
            {
                var dims = At(m.Graph.Initializer, i).Dims;
                if (append || dims.Count == 0)
                {
                    dims.Add(value);
                }
                else
                {
                    dims[0] = value;
                }
            }),

            // A missing initializer.
            index.Select(i => (Action<ModelProto>)(m => m.Graph.Initializer.Remove(At(m.Graph.Initializer, i)))),

            // A cycle: a node reads a later node's output.
            from a in index
            from b in index
            select (Action<ModelProto>)(m =>
            {
                int count = Math.Max(1, m.Graph.Node.Count);
                (int early, int late) = (Math.Min(a % count, b % count), Math.Max(a % count, b % count));
                var node = At(m.Graph.Node, early);
                if (node.Input.Count > 0 && At(m.Graph.Node, late).Output.Count > 0)
                {
                    node.Input[0] = At(m.Graph.Node, late).Output[0];
                }
            }),

            // Raw data cut or padded.
            from i in index
            from delta in Gen.Choose(-9, 9)
            select (Action<ModelProto>)(m =>
            {
                var tensor = At(m.Graph.Initializer, i);
                byte[] raw = tensor.RawData.ToByteArray();
                tensor.RawData = ByteString.CopyFrom(delta < 0 ? raw[..Math.Max(0, raw.Length + delta)] : [.. raw, .. new byte[delta]]);
            }),

            // A data type or data location changed.
            from i in index
            from type in Gen.Choose(-1, 17)
            from external in Gen.Elements(false, false, true)
            select (Action<ModelProto>)(m =>
            {
                At(m.Graph.Initializer, i).DataType = type;
                if (external)
                {
                    At(m.Graph.Initializer, i).DataLocation = TensorProto.Types.DataLocation.External;
                }
            }),

            // Another opset.
            hostileLongs.Select(v => (Action<ModelProto>)(m => m.OpsetImport[0].Version = v)),

            // Another operator.
            from i in index
            from op in opTypes
            select (Action<ModelProto>)(m => At(m.Graph.Node, i).OpType = op),

            // A hostile attribute value.
            from i in index
            from name in attributeNames
            from value in hostileLongs
            from f in Gen.Elements(float.NaN, float.PositiveInfinity, 0f, -1f, 1e30f, 1f)
            select (Action<ModelProto>)(m => At(m.Graph.Node, i).Attribute.Add(new AttributeProto { Name = name, I = value, F = f, Type = AttributeProto.Types.AttributeType.Int })),

            // An input renamed to nothing known, or dropped.
            from i in index
            from drop in Gen.Elements(false, true)
            select (Action<ModelProto>)(m =>
            {
                var inputs = At(m.Graph.Node, i).Input;
                if (inputs.Count == 0)
                {
                    return;
                }

                if (drop)
                {
                    inputs.RemoveAt(inputs.Count - 1);
                }
                else
                {
                    inputs[0] = "nowhere";
                }
            }),

            // A node duplicated (two writers of one value) or removed.
            from i in index
            from remove in Gen.Elements(false, true)
            select (Action<ModelProto>)(m =>
            {
                if (remove)
                {
                    m.Graph.Node.Remove(At(m.Graph.Node, i));
                }
                else
                {
                    m.Graph.Node.Add(At(m.Graph.Node, i).Clone());
                }
            }),

            // A hostile graph-input dimension.
            from k in Gen.Choose(0, 3)
            from value in hostileLongs
            select (Action<ModelProto>)(m =>
            {
                var dims = m.Graph.Input[0].Type.TensorType.Shape.Dim;
                dims[k % dims.Count] = new TensorShapeProto.Types.Dimension { DimValue = value };
            }),
        };

        Gen<Action<ModelProto>> edit = Gen.OneOf(edits);
        return from first in edit
               from second in Gen.OneOf(edit.Select(e => (Action<ModelProto>?)e), Gen.Constant<Action<ModelProto>?>(null))
               select Apply(model, first, second);
    }

    /// <summary>Item <paramref name="i"/> modulo the count; a detached dummy when the list is empty.</summary>
    private static T At<T>(Google.Protobuf.Collections.RepeatedField<T> list, int i)
        where T : IMessage<T>, new() => list.Count == 0 ? new T() : list[i % list.Count];

    private static byte[] Apply(ModelProto model, Action<ModelProto> first, Action<ModelProto>? second)
    {
        var copy = model.Clone();
        first(copy);
        second?.Invoke(copy);
        return copy.ToByteArray();
    }
}
