using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Onnx;
using NativeNet.Serialization;
using NativeNet.Tensors;
using NativeNet.Tests.Onnx;
using NativeNet.Tests.Serialization;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Version-2 model files (layer lists): damaged, forged and random ones load as a layer list with finite
/// parameters that predicts without crashing, or throw <see cref="InvalidFileFormatException"/>, within the same
/// allocation bound, whatever widths, counts and names the descriptions declare.
/// </summary>
public sealed partial class HostileModelFileTests
{
    private static readonly Lazy<byte[][]> _validLayerLists = new(BuildValidLayerLists);

    private enum Field
    {
        Byte,
        Int32,
        Double,
    }

    [Property(MaxTest = 1500, Replay = "111,11400714819323198485")]
    public Property Damaged_layer_lists_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases = from file in Gen.Elements(_validLayerLists.Value) from damaged in HostileInputs.Mutate(file) select damaged;
        return HostileInputs.ForAll(cases, LoadLayerList, MaxAllocatedBytes);
    }

    [Property(MaxTest = 2000, Replay = "112,11400714819323198485")]
    public Property Damaged_layer_lists_with_a_correct_checksum_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases = from file in Gen.Elements(_validLayerLists.Value) from damaged in HostileInputs.Mutate(file) select WithChecksum(damaged);
        return HostileInputs.ForAll(cases, LoadLayerList, MaxAllocatedBytes);
    }

    [Property(MaxTest = 2000, Replay = "113,11400714819323198485")]
    public Property Forged_layer_description_fields_are_rejected_before_anything_they_size_is_allocated()
    {
        Gen<double> hostileDoubles = Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, 0.0, 0.5, 1.0, 2.0, double.MaxValue, double.Epsilon);
        var cases =
            from file in Gen.Elements(_validLayerLists.Value)
            let fields = LayerListFields(file)
            from field in Gen.Elements(fields)
            from forged in field.Type switch
            {
                Field.Int32 => HostileInputs.HostileInts.Select(v => SetInt32(file, field.Offset, v)),
                Field.Double => hostileDoubles.Select(v => SetDouble(file, field.Offset, v)),
                _ => HostileInputs.Bytes.Select(v => Set(file, field.Offset, [v])),
            }
            select WithChecksum(forged);
        return HostileInputs.ForAll(cases, LoadLayerList, MaxAllocatedBytes);
    }

    [Property(MaxTest = 500, Replay = "114,11400714819323198485")]
    public Property Random_bytes_behind_a_version_2_signature_are_rejected()
    {
        var cases =
            from body in Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(HostileInputs.Bytes, n))
            from elementSize in Gen.Elements(4, 8, 2)
            select WithChecksum([.. "NNETMODL"u8, 2, 0, 0, 0, (byte)elementSize, 0, 0, 0, .. body, 0, 0, 0, 0]);
        return HostileInputs.ForAll(cases, LoadLayerList, MaxAllocatedBytes);
    }

    [Theory]
    [InlineData(1 << 20, 1)] // one ReLU of 2^20 features: no bytes back it
    [InlineData(20_000, 1)] // just over the free activations
    [InlineData(4096, 1000)] // a thousand ReLUs of 4096: 4 M activations per sample
    public void A_list_of_parameterless_layers_wider_than_its_parameters_is_rejected_without_allocating_it(int width, int layers)
    {
        var error = AssertLayerListRejectedCheaply(LayerList(width, layers, kind: 2));
        Assert.Contains("activations per sample", error.Message);
    }

    [Fact]
    public void A_huge_affine_layer_is_rejected_without_allocating_it()
    {
        // Affine 2^20 x 2^20: 2^40 weights declared in a file of a hundred bytes.
        var writer = new List<byte>(LayerListHeader(1 << 20, 1));
        writer.Add(1);
        writer.AddRange(Int32Bytes(1 << 20));
        writer.AddRange(Int32Bytes(1 << 20));
        writer.AddRange(BitConverter.GetBytes(0.01));
        writer.AddRange([.. Int32Bytes(1), (byte)'W', .. Int32Bytes(1), (byte)'b']);
        var error = AssertLayerListRejectedCheaply(Finish(writer));
        Assert.Contains("bytes of parameters and state", error.Message);
    }

    [Fact]
    public void A_layer_count_the_file_cannot_hold_is_rejected()
    {
        var error = AssertLayerListRejectedCheaply(LayerList(10, 1, kind: 2, declaredCount: 1000));
        Assert.Contains("invalid layer count 1000", error.Message);
    }

    [Fact]
    public void Widths_that_do_not_chain_are_rejected_with_the_layer_named()
    {
        var writer = new List<byte>(LayerListHeader(10, 2));
        writer.AddRange([2, .. Int32Bytes(10), 5, .. Int32Bytes(9)]); // ReLU(10), then tanh(9)
        var error = AssertLayerListRejectedCheaply(Finish(writer));
        Assert.Contains("layer 2 (Tanh) takes 9 features, but receives 10", error.Message);
    }

    private static InvalidFileFormatException AssertLayerListRejectedCheaply(byte[] file)
    {
        LoadLayerList(file); // warm-up: JIT and type loading allocate on the first call
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidFileFormatException>(() => ModelFile.DeserializeSequential<float>(file, "forged"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 << 10);
        return error;
    }

    /// <summary>Loads as a layer list; what loads must hold finite values and predict a row without crashing.</summary>
    private static void LoadLayerList(byte[] bytes)
    {
        try
        {
            var network = ModelFile.DeserializeSequential<float>(bytes, "hostile");
            Assert.True(network.Parameters.AreAllFinite());
            var session = network.CreateSession(batchCapacity: 2);
            float[] x = new float[network.InputSize];
            float[] y = new float[network.OutputSize];
            session.Predict(new ReadOnlyTensorView<float>(x, new Shape(1, x.Length)), new TensorView<float>(y, new Shape(1, y.Length)));
        }
        catch (InvalidFileFormatException e)
        {
            Assert.StartsWith("hostile: ", e.Message);
        }
    }

    /// <summary>Every field of a version-2 file's layer list, walked as the reader reads it (input size, count, then each layer).</summary>
    private static (int Offset, Field Type)[] LayerListFields(byte[] file)
    {
        var fields = new List<(int, Field)> { (HeaderBytes, Field.Int32), (HeaderBytes + 4, Field.Int32) };
        int at = HeaderBytes + 8;
        int count = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(HeaderBytes + 4));
        void Add(Field type, int size)
        {
            fields.Add((at, type));
            at += size;
        }

        void Name()
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at));
            Add(Field.Int32, 4);
            at += length;
        }

        for (int i = 0; i < count; i++)
        {
            byte kind = file[at];
            Add(Field.Byte, 1);
            Add(Field.Int32, 4);
            switch (kind)
            {
                case 1: // affine: outputs, weight std, W and b names
                    Add(Field.Int32, 4);
                    Add(Field.Double, 8);
                    Name();
                    Name();
                    break;
                case 3: // leaky ReLU: slope
                    Add(Field.Double, 8);
                    break;
                case 8: // batch norm: momentum, epsilon, four names
                    Add(Field.Double, 8);
                    Add(Field.Double, 8);
                    Name();
                    Name();
                    Name();
                    Name();
                    break;
                case 9: // dropout: ratio, mode
                    Add(Field.Double, 8);
                    Add(Field.Byte, 1);
                    break;
            }
        }

        fields.Add((at, Field.Int32)); // the parameter count
        Assert.True(at < file.Length - 4);
        return [.. fields];
    }

    private static byte[] LayerList(int width, int layers, byte kind, int? declaredCount = null)
    {
        var writer = new List<byte>(LayerListHeader(width, declaredCount ?? layers));
        for (int i = 0; i < layers; i++)
        {
            writer.Add(kind);
            writer.AddRange(Int32Bytes(width));
        }

        return Finish(writer);
    }

    private static byte[] LayerListHeader(int inputSize, int layerCount) =>
        [.. "NNETMODL"u8, .. Int32Bytes(2), .. Int32Bytes(4), .. Int32Bytes(inputSize), .. Int32Bytes(layerCount)];

    /// <summary>Empty parameter and state lists, then the checksum.</summary>
    private static byte[] Finish(List<byte> writer) => WithChecksum([.. writer, .. Int32Bytes(0), .. Int32Bytes(0), 0, 0, 0, 0]);

    private static byte[] Int32Bytes(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>Every layer kind (float), the same as double, and a model imported from PyTorch (leaky ReLU, log-softmax).</summary>
    private static byte[][] BuildValidLayerLists()
    {
        var everyKind = LayerListModelFileTests.EveryKind();
        byte[] floats = ModelFile.Serialize(everyKind);
        byte[] doubles = ModelFile.Serialize(ModelFile.DeserializeSequential<double>(floats));
        var fixture = OnnxFixture.All.Single(f => f.Name == "leaky_logsoftmax");
        return [floats, doubles, ModelFile.Serialize(OnnxImporter.Load(fixture.ModelPath))];
    }
}
