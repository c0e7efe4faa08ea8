using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Damaged and forged model files: whatever the bytes, loading returns a consistent network with finite
/// parameters or throws <see cref="InvalidFileFormatException"/>, and never allocates more than a small bound,
/// whatever sizes the header declares. Forged files carry a correct checksum, so the field checks (not the
/// CRC) must catch them. Version-2 files (layer lists) are covered in HostileModelFileTests.LayerLists.cs.
/// </summary>
public sealed partial class HostileModelFileTests : IDisposable
{
    /// <summary>What one load of a file of a few kilobytes may allocate: the network it describes, never what a header claims.</summary>
    private const long MaxAllocatedBytes = 4 << 20;

    private const int HeaderBytes = 16; // magic, version, element size
    private const int InputOffset = HeaderBytes;
    private const int HiddenCountOffset = HeaderBytes + 4;

    /// <summary>
    /// The architecture after the output size: activation and init kind (1 byte each), init std, decay, dropout
    /// (8 each), dropout mode and batch-norm flag (1 each), momentum, epsilon, cross-entropy epsilon, seed (8 each).
    /// </summary>
    private const int CodesBytes = 60;

    private static readonly Lazy<byte[][]> _validFiles = new(BuildValidFiles);

    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-hostile-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Property(MaxTest = 1500, Replay = "101,11400714819323198485")]
    public Property Damaged_files_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases = from file in Gen.Elements(_validFiles.Value) from damaged in HostileInputs.Mutate(file) select damaged;
        return HostileInputs.ForAll(cases, Load, MaxAllocatedBytes);
    }

    [Property(MaxTest = 2000, Replay = "102,11400714819323198485")]
    public Property Damaged_files_with_a_correct_checksum_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases = from file in Gen.Elements(_validFiles.Value) from damaged in HostileInputs.Mutate(file) select WithChecksum(damaged);
        return HostileInputs.ForAll(cases, Load, MaxAllocatedBytes);
    }

    [Property(MaxTest = 1500, Replay = "103,11400714819323198485")]
    public Property Forged_header_fields_are_rejected_before_anything_they_size_is_allocated()
    {
        var cases = from file in Gen.Elements(_validFiles.Value) from forged in ForgeField(file) select WithChecksum(forged);
        return HostileInputs.ForAll(cases, Load, MaxAllocatedBytes);
    }

    [Property(MaxTest = 500, Replay = "104,11400714819323198485")]
    public Property Random_bytes_behind_a_valid_signature_are_rejected()
    {
        var cases =
            from body in Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(HostileInputs.Bytes, n))
            from elementSize in Gen.Elements(4, 8, 2)
            select WithChecksum([.. "NNETMODL"u8, 1, 0, 0, 0, (byte)elementSize, 0, 0, 0, .. body, 0, 0, 0, 0]);
        return HostileInputs.ForAll(cases, Load, MaxAllocatedBytes);
    }

    [Property(MaxTest = 300, Replay = "105,11400714819323198485")]
    public Property Damaged_files_on_disk_load_consistently_or_throw_InvalidFileFormatException()
    {
        string path = Path.Combine(_directory, "damaged.nnet");
        var cases = from file in Gen.Elements(_validFiles.Value) from damaged in HostileInputs.Mutate(file) from checksum in Gen.Elements(true, false) select checksum ? WithChecksum(damaged) : damaged;
        return HostileInputs.ForAll(
            cases,
            bytes =>
            {
                File.WriteAllBytes(path, bytes);
                try
                {
                    Assert.True(ModelFile.Load<float>(path, batchCapacity: 8).Network.Parameters.AreAllFinite());
                }
                catch (InvalidFileFormatException e)
                {
                    Assert.StartsWith(path + ": ", e.Message);
                }
            });
    }

    [Theory]
    [InlineData(1_000_000_000)] // beyond the width limit
    [InlineData(1 << 20)] // within it: 5 x 2^20 weights, 20 MiB the file does not have
    [InlineData(int.MaxValue)]
    public void A_header_declaring_a_huge_hidden_layer_is_rejected_without_allocating_it(int hiddenUnits)
    {
        byte[] file = SetInt32(_validFiles.Value[0], HiddenCountOffset + 4, hiddenUnits);
        var error = AssertRejectedCheaply(WithChecksum(file));
        Assert.Contains(hiddenUnits.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void A_header_whose_layer_product_overflows_is_rejected_as_a_format_error()
    {
        // 2^20 x 2^20 weights overflow every int size; before the size check this escaped as ArgumentOutOfRangeException.
        byte[] file = SetInt32(SetInt32(_validFiles.Value[0], InputOffset, 1 << 20), HiddenCountOffset + 4, 1 << 20);
        AssertRejectedCheaply(WithChecksum(file));
    }

    [Fact]
    public void A_NaN_parameter_with_a_correct_checksum_is_rejected()
    {
        var net = new Network<float>(new NetworkOptions { InputSize = 3, HiddenSizes = [2], OutputSize = 2, Seed = 1 }, 4);
        byte[] file = ModelFile.Serialize(net);

        // The first parameter value follows the architecture (one hidden layer) and the value count.
        int firstValue = HiddenCountOffset + 4 + 4 + 4 + CodesBytes + 4;
        Assert.Equal(net.Parameters.Values[0], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(firstValue)));
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(firstValue), float.NaN);
        var error = Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(WithChecksum(file)));
        Assert.Contains("W1[0]", error.Message);
    }

    [Fact]
    public void A_missing_file_or_folder_is_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => ModelFile.Load<float>(Path.Combine(_directory, "none.nnet")));
        Assert.Throws<FileNotFoundException>(() => ModelFile.Load<float>(Path.Combine(_directory, "no-folder", "none.nnet")));
    }

    private static InvalidFileFormatException AssertRejectedCheaply(byte[] file)
    {
        Load(file); // warm-up: JIT and type loading allocate on the first call
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(file, "forged"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 << 10);
        return error;
    }

    private static void Load(byte[] bytes)
    {
        try
        {
            var model = ModelFile.Deserialize<float>(bytes, "hostile", batchCapacity: 8);
            Assert.True(model.Network.Parameters.AreAllFinite());
            Assert.Equal(model.Network.Options.InputSize, model.Network.InputSize);
        }
        catch (InvalidFileFormatException e)
        {
            Assert.StartsWith("hostile: ", e.Message);
        }
    }

    /// <summary>One architecture field set to a hostile value: a size, a count, a code or a double.</summary>
    private static Gen<byte[]> ForgeField(byte[] file)
    {
        int hidden = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(HiddenCountOffset));
        int output = HiddenCountOffset + 4 + (4 * hidden);
        int codes = output + 4;
        int[] intFields = [InputOffset, HiddenCountOffset, .. Enumerable.Range(0, hidden).Select(i => HiddenCountOffset + 4 + (4 * i)), output, codes + CodesBytes];
        int[] byteFields = [codes, codes + 1, codes + 26, codes + 27];
        int[] doubleFields = [codes + 2, codes + 10, codes + 18, codes + 28, codes + 36, codes + 44];
        Gen<double> hostileDoubles = Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, 0.0, 0.5, 1.0, 2.0, double.MaxValue, double.Epsilon);
        return Gen.OneOf(
            from at in Gen.Elements(intFields) from value in HostileInputs.HostileInts select SetInt32(file, at, value),
            from at in Gen.Elements(byteFields) from value in HostileInputs.Bytes select Set(file, at, [value]),
            from at in Gen.Elements(doubleFields) from value in hostileDoubles select SetDouble(file, at, value));
    }

    /// <summary>Replaces the last 4 bytes with the CRC-32 of the rest, as the writer would have.</summary>
    private static byte[] WithChecksum(byte[] file)
    {
        if (file.Length < 4)
        {
            return file;
        }

        var crc = new Crc32();
        crc.Append(file.AsSpan(0, file.Length - 4));
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.Length - 4), crc.Value);
        return copy;
    }

    private static byte[] SetInt32(byte[] file, int at, int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Set(file, at, bytes);
    }

    private static byte[] SetDouble(byte[] file, int at, double value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return Set(file, at, bytes);
    }

    private static byte[] Set(byte[] file, int at, byte[] value)
    {
        byte[] copy = (byte[])file.Clone();
        value.CopyTo(copy, at);
        return copy;
    }

    /// <summary>Three small valid files: float with batch norm, dropout and Adam state; the same without optimizer; double with momentum.</summary>
    private static byte[][] BuildValidFiles()
    {
        var options = new NetworkOptions { InputSize = 5, HiddenSizes = [4, 3], OutputSize = 3, UseBatchNorm = true, DropoutRatio = 0.1, WeightDecay = 0.01, Seed = 1 };
        var net = new Network<float>(options, 10);
        var adam = OptimizerFactory.Create<float>("adam", net.Parameters.Values.Length, 0.01);
        var data = Networks.TestData.Blobs<float>(40, 5, 3, 1);
        var trainer = new Trainer<float>(net, adam, data, new TrainerOptions { BatchSize = 10 });
        for (int i = 0; i < 3; i++)
        {
            trainer.Step();
        }

        var small = new Network<double>(new NetworkOptions { InputSize = 3, HiddenSizes = [2], OutputSize = 2, Activation = Activation.Tanh, Seed = 2 }, 4);
        var momentum = OptimizerFactory.Create<double>("momentum", small.Parameters.Values.Length, 0.1, momentum: 0.8);
        return [ModelFile.Serialize(net, adam), ModelFile.Serialize(net), ModelFile.Serialize(small, momentum)];
    }
}
