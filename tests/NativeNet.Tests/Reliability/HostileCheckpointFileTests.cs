using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Data;
using NativeNet.Serialization;
using NativeNet.Tests.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Damaged and forged checkpoints: whatever the bytes, loading (and rebuilding the trainer on the run's data)
/// succeeds with a consistent trainer or throws <see cref="InvalidFileFormatException"/>, never another exception,
/// and never allocates more than a small bound whatever sizes the file declares. Forged files carry a correct
/// outer checksum, so the field checks must catch them (the embedded model keeps its own checksum).
/// </summary>
public sealed class HostileCheckpointFileTests
{
    /// <summary>What one load and rebuild of a checkpoint of a few kilobytes may allocate.</summary>
    private const long MaxAllocatedBytes = 4 << 20;

    /// <summary>Magic (8), version (4), batch capacity (4), model length (4).</summary>
    private const int ModelLengthOffset = 16;

    private static readonly CheckpointScenario[] _scenarios =
    [
        new("adam", true, 0.3, SamplingMode.PermutationPerEpoch, Epochs: 3),
        new("momentum", false, 0.0, SamplingMode.WithReplacement, Epochs: 3, WithTest: false),
        new("sgd", true, 0.2, SamplingMode.WithReplacement, Epochs: 3),
    ];

    private static readonly Lazy<(byte[] File, int Scenario)[]> _validFiles = new(() =>
    [
        (CheckpointResumeTests.Interrupted(_scenarios[0], 13), 0),
        (CheckpointResumeTests.Interrupted(_scenarios[0], 0), 0),
        (CheckpointResumeTests.Interrupted(_scenarios[1], 9), 1),
        (CheckpointResumeTests.Interrupted(_scenarios[2], 20), 2),
    ]);

    private static readonly Lazy<(LabeledDataset<float> Train, LabeledDataset<float>? Test)[]> _data = new(() => [.. _scenarios.Select(s => s.Data())]);

    [Property(MaxTest = 800, Replay = "151,11400714819323198485")]
    public Property Damaged_checkpoints_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases = from valid in Gen.Elements(_validFiles.Value) from damaged in HostileInputs.Mutate(valid.File) select (damaged, valid.Scenario);
        return HostileInputs.ForAll(cases, LoadAndRebuild, MaxAllocatedBytes);
    }

    [Property(MaxTest = 1500, Replay = "152,11400714819323198485")]
    public Property Damaged_checkpoints_with_a_correct_checksum_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases = from valid in Gen.Elements(_validFiles.Value) from damaged in HostileInputs.Mutate(valid.File) select (WithChecksum(damaged), valid.Scenario);
        return HostileInputs.ForAll(cases, LoadAndRebuild, MaxAllocatedBytes);
    }

    [Property(MaxTest = 1500, Replay = "153,11400714819323198485")]
    public Property Forged_fields_after_the_model_are_rejected_or_consistent()
    {
        // Every 4-byte field after the model section overwritten with an extreme or random value.
        var cases =
            from valid in Gen.Elements(_validFiles.Value)
            let start = ModelLengthOffset + 4 + BinaryPrimitives.ReadInt32LittleEndian(valid.File.AsSpan(ModelLengthOffset))
            from at in Gen.Choose(start, valid.File.Length - 8)
            from value in Gen.OneOf(Gen.Elements(0, -1, 1, int.MaxValue, int.MinValue, 1 << 20, 1 << 30), Gen.Choose(int.MinValue, int.MaxValue))
            select (WithChecksum(SetInt32(valid.File, at, value)), valid.Scenario);
        return HostileInputs.ForAll(cases, LoadAndRebuild, MaxAllocatedBytes);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1 << 30)]
    [InlineData(-5)]
    public void A_huge_declared_loss_count_is_rejected_before_allocating(int count)
    {
        byte[] file = _validFiles.Value[0].File;
        int lossesOffset = LossesOffset(file);
        var forged = WithChecksum(SetInt32(file, lossesOffset, count));
        LoadAndRebuild((file, 0)); // warm-up: JIT and type loading allocate on the first call
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(forged, "forged.ckpt"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 256 << 10);
        Assert.Contains("forged.ckpt: losses", error.Message);
    }

    [Fact]
    public void Errors_name_the_file_and_the_problem()
    {
        byte[] file = _validFiles.Value[0].File;
        Assert.Contains("checksum mismatch", Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(file.AsSpan(0, file.Length - 1), "x.ckpt")).Message);
        Assert.Contains("NNETCKPT", Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(new byte[40], "x.ckpt")).Message);
        byte[] version = WithChecksum(SetInt32(file, 8, 3));
        Assert.Contains("version 3 is not supported", Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(version, "x.ckpt")).Message);
        byte[] first = WithChecksum(SetInt32(file, 8, 1));
        Assert.Contains("version 1 is no longer read: its data fingerprint covers the labels only", Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(first, "x.ckpt")).Message);
    }

    /// <summary>The offset of the loss count: after the model, the trainer options (17 bytes), two fingerprints (40), the dropout state (41) and the batch checksum (4).</summary>
    private static int LossesOffset(byte[] file) => ModelLengthOffset + 4 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(ModelLengthOffset)) + 17 + 40 + 41 + 4;

    private static void LoadAndRebuild((byte[] Bytes, int Scenario) input)
    {
        try
        {
            var loaded = CheckpointFile.Deserialize<float>(input.Bytes, "hostile.ckpt");
            var (train, test) = _data.Value[input.Scenario];
            var trainer = loaded.CreateTrainer(train, test);
            Assert.True(trainer.Network.Parameters.AreAllFinite());
            Assert.Equal(trainer.History.TrainAccuracies.Count, trainer.History.Iterations / trainer.IterationsPerEpoch);
        }
        catch (InvalidFileFormatException e)
        {
            Assert.StartsWith("hostile.ckpt: ", e.Message);
        }
    }

    private static byte[] SetInt32(byte[] file, int offset, int value)
    {
        byte[] copy = [.. file];
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] WithChecksum(byte[] file)
    {
        if (file.Length < 4)
        {
            return file;
        }

        byte[] copy = [.. file];
        var crc = new Crc32();
        crc.Append(copy.AsSpan(0, copy.Length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.Length - 4), crc.Value);
        return copy;
    }
}
