using System.Buffers.Binary;
using System.Numerics;
using NativeNet.Data;
using NativeNet.IO;
using NativeNet.Randomness;
using NativeNet.Training;

namespace NativeNet.Serialization;

/// <summary>
/// Saves and loads training checkpoints (<c>.ckpt</c>), format version 2: everything a <see cref="Trainer{T}"/>
/// needs to continue a run bit for bit. Layout, little-endian: magic <c>NNETCKPT</c>, format version, the batch
/// capacity, a complete model file with the optimizer's state and step count (<see cref="ModelFile"/>, with its
/// own checksum), the trainer's options, fingerprints of the training and test data (counts, a CRC-32 of the labels
/// and, since version 2, a 64-bit hash of every input byte), the dropout generator's
/// state and a checksum of the last batch (the batch sampler is replayed to the position on load), the history
/// so far (every loss, the accuracies of every epoch), the application's run options as text pairs, and a CRC-32
/// of all preceding bytes. Saves are atomic (<see cref="AtomicFile"/>): an interrupted or killed save leaves the
/// previous checkpoint intact. Loading validates the checksum and every field, checks every declared size against
/// the bytes left before allocating, and throws <see cref="InvalidFileFormatException"/> naming the problem.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The format version this library writes and reads.</summary>
    /// <remarks>Version 1 (labels-only data fingerprints) is refused with a message saying so: it was never released, and
    /// a resume that cannot check the images would be exactly the silent wrong run the fingerprint exists to prevent.</remarks>
    public const int FormatVersion = 2;

    /// <summary>The largest checkpoint accepted, the model file's limit plus room for the history.</summary>
    public const long MaxFileBytes = ModelFile.MaxFileBytes + (1L << 28);

    /// <summary>At most this many run options, each key at most 256 bytes and each value at most 4096.</summary>
    public const int MaxRunOptions = 256;

    private const int MaxKeyBytes = 256;
    private const int MaxValueBytes = 4096;

    private static ReadOnlySpan<byte> Magic => "NNETCKPT"u8;

    /// <summary>Writes the complete state of <paramref name="trainer"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The checkpoint file; its folder is created when missing.</param>
    /// <param name="trainer">The trainer, between steps.</param>
    /// <param name="runOptions">The application's settings to keep with the run; null for none.</param>
    /// <exception cref="InvalidOperationException">The run diverged or its parameters are not finite, or steps were taken outside <see cref="Trainer{T}.Train"/>.</exception>
    public static void Save<T>(string path, Trainer<T> trainer, IReadOnlyDictionary<string, string>? runOptions = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = Serialize(trainer, runOptions);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The bytes of a checkpoint, for storing elsewhere than in a file.</summary>
    /// <exception cref="InvalidOperationException">See <see cref="Save{T}"/>.</exception>
    public static byte[] Serialize<T>(Trainer<T> trainer, IReadOnlyDictionary<string, string>? runOptions = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        TrainingHistory history = trainer.History;
        if (history.StopReason == StopReason.Diverged)
        {
            throw new InvalidOperationException("The run diverged: there is nothing to continue, so no checkpoint is written.");
        }

        if (trainer.BatchesDrawn != history.Iterations)
        {
            throw new InvalidOperationException($"The trainer drew {trainer.BatchesDrawn} batches but its history has {history.Iterations} iterations: steps taken outside Train cannot be checkpointed.");
        }

        CheckRunOptions(runOptions);
        var writer = new BinaryFieldWriter();
        writer.Bytes(Magic);
        writer.Int32(FormatVersion);
        writer.Int32(trainer.Network.BatchCapacity);
        byte[] model = ModelFile.Serialize(trainer.Network, trainer.Optimizer);
        writer.Int32(model.Length);
        writer.Bytes(model);

        TrainerOptions options = trainer.Options;
        writer.Int32(options.Epochs);
        writer.Int32(options.BatchSize);
        writer.Int32(options.EvaluationSampleCount ?? 0);
        writer.Int32(options.Seed);
        writer.Byte((byte)options.Sampling);

        WriteFingerprint(writer, DataFingerprint.Of(trainer.TrainingData));
        WriteFingerprint(writer, DataFingerprint.Of(trainer.TestData));

        SeededRandomState dropout = trainer.Network.DropoutRandom.Capture();
        writer.UInt64(dropout.S0);
        writer.UInt64(dropout.S1);
        writer.UInt64(dropout.S2);
        writer.UInt64(dropout.S3);
        writer.Double(dropout.SpareGaussian);
        writer.Byte(dropout.HasSpare ? (byte)1 : (byte)0);
        writer.UInt32(trainer.BatchFingerprint());

        writer.Doubles(history.Losses);
        writer.Doubles(history.TrainAccuracies);
        writer.Doubles(history.TestAccuracies);

        var pairs = runOptions?.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray() ?? [];
        writer.Int32(pairs.Length);
        foreach (var (key, value) in pairs)
        {
            writer.String(key);
            writer.String(value);
        }

        return writer.ToArrayWithChecksum();
    }

    /// <summary>Loads and validates a checkpoint saved by <see cref="Save{T}"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileFormatException">The file is truncated, altered, of another version or otherwise malformed.</exception>
    public static LoadedCheckpoint<T> Load<T>(string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Checkpoint file '{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InvalidFileFormatException($"{path}: {info.Length} bytes is larger than the {MaxFileBytes}-byte limit for checkpoints.");
        }

        return Deserialize<T>(File.ReadAllBytes(path), path);
    }

    /// <summary>Loads a checkpoint from its bytes (see <see cref="Serialize{T}"/>).</summary>
    /// <exception cref="InvalidFileFormatException">The bytes are not a valid checkpoint.</exception>
    public static LoadedCheckpoint<T> Deserialize<T>(ReadOnlySpan<byte> bytes, string sourceName = "checkpoint")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reader = new BinaryFieldReader(bytes, sourceName);
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw reader.Error(bytes.Length >= 8 && bytes[..8].SequenceEqual("NNETMODL"u8)
                ? "this is a model file, not a checkpoint (resume from the file written by --checkpoint)"
                : "not a NativeNet checkpoint (missing the NNETCKPT signature)");
        }

        if (bytes.Length < Magic.Length + 8)
        {
            throw reader.Error("truncated header");
        }

        reader.Take(Magic.Length);
        int version = reader.Int32();
        if (version == 1)
        {
            throw reader.Error("checkpoint format version 1 is no longer read: its data fingerprint covers the labels only, so a resume could not check the images; start the run again (version 2 fingerprints the images too)");
        }

        if (version != FormatVersion)
        {
            throw reader.Error($"checkpoint format version {version} is not supported (this library reads version {FormatVersion})");
        }

        // The checksum first: every later error then means a writer bug or a forgery, not damage.
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        var crc = new Crc32();
        crc.Append(bytes[..^4]);
        if (crc.Value != stored)
        {
            throw reader.Error($"checksum mismatch (stored {stored:X8}, computed {crc.Value:X8}): the file is truncated or was altered");
        }

        int batchCapacity = reader.Int32();
        if (batchCapacity <= 0)
        {
            throw reader.Error($"invalid batch capacity {batchCapacity}");
        }

        int modelLength = reader.Int32();
        if (modelLength <= 0 || modelLength > reader.Remaining - 4)
        {
            throw reader.Error($"a model section of {modelLength} bytes does not fit the {reader.Remaining - 4} bytes left");
        }

        byte[] model = reader.Take(modelLength).ToArray();
        // Validated now (with the smallest workspace), rebuilt at its real capacity by CreateTrainer.
        LoadedModel<T> checkedModel = ModelFile.Deserialize<T>(model, sourceName, batchCapacity: 1);
        if (checkedModel.Optimizer is null)
        {
            throw reader.Error("the model section carries no optimizer state");
        }

        var options = new TrainerOptions
        {
            Epochs = reader.Int32(),
            BatchSize = reader.Int32(),
            EvaluationSampleCount = reader.Int32() is var evaluated && evaluated == 0 ? null : evaluated,
            Seed = reader.Int32(),
            Sampling = reader.Byte() switch
            {
                0 => SamplingMode.WithReplacement,
                1 => SamplingMode.PermutationPerEpoch,
                var code => throw reader.Error($"invalid sampling mode {code}"),
            },
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw reader.Error($"invalid trainer options: {e.Message}");
        }

        DataFingerprint train = ReadFingerprint(ref reader, "training");
        DataFingerprint test = ReadFingerprint(ref reader, "test");
        if (train.Count <= 0)
        {
            throw reader.Error("the checkpoint has no training data fingerprint");
        }

        var dropout = new SeededRandomState(reader.UInt64(), reader.UInt64(), reader.UInt64(), reader.UInt64(), reader.Double(), reader.Byte() switch
        {
            0 => false,
            1 => true,
            var flag => throw reader.Error($"invalid flag {flag}"),
        });
        if ((dropout.S0 | dropout.S1 | dropout.S2 | dropout.S3) == 0 || !double.IsFinite(dropout.SpareGaussian))
        {
            throw reader.Error("invalid dropout generator state");
        }

        uint batchFingerprint = reader.UInt32();
        var history = new TrainingHistory();
        history.Losses.AddRange(reader.Doubles("losses", double.IsFinite, "a finite loss"));
        history.TrainAccuracies.AddRange(reader.Doubles("training accuracies", IsAccuracy, "an accuracy in [0, 1]"));
        history.TestAccuracies.AddRange(reader.Doubles("test accuracies", IsAccuracy, "an accuracy in [0, 1]"));
        if (history.TestAccuracies.Count != 0 && history.TestAccuracies.Count != history.TrainAccuracies.Count)
        {
            throw reader.Error($"{history.TestAccuracies.Count} test accuracies for {history.TrainAccuracies.Count} epochs");
        }

        if (history.TrainAccuracies.Count > options.Epochs)
        {
            throw reader.Error($"{history.TrainAccuracies.Count} evaluated epochs in a run of {options.Epochs}");
        }

        var runOptions = ReadRunOptions(ref reader);
        if (reader.Remaining != 4)
        {
            throw reader.Error($"{reader.Remaining - 4} unexpected bytes before the checksum");
        }

        return new LoadedCheckpoint<T>(model, checkedModel, batchCapacity, options, train, test, dropout, batchFingerprint, history, runOptions, sourceName);
    }

    private static bool IsAccuracy(double value) => value is >= 0 and <= 1;

    private static void CheckRunOptions(IReadOnlyDictionary<string, string>? runOptions)
    {
        if (runOptions is null)
        {
            return;
        }

        if (runOptions.Count > MaxRunOptions)
        {
            throw new ArgumentException($"At most {MaxRunOptions} run options fit a checkpoint, got {runOptions.Count}.", nameof(runOptions));
        }

        foreach (var (key, value) in runOptions)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(runOptions));
            if (key.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(key) > MaxKeyBytes || System.Text.Encoding.UTF8.GetByteCount(value) > MaxValueBytes)
            {
                throw new ArgumentException($"Run option '{key}': keys are 1 to {MaxKeyBytes} bytes and values at most {MaxValueBytes} bytes of UTF-8.", nameof(runOptions));
            }
        }
    }

    private static Dictionary<string, string> ReadRunOptions(ref BinaryFieldReader reader)
    {
        int count = reader.Int32();
        if (count < 0 || count > MaxRunOptions || (long)count * 8 > reader.Remaining)
        {
            throw reader.Error($"invalid run option count {count}");
        }

        var options = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = reader.String(MaxKeyBytes, "run option name");
            string value = reader.String(MaxValueBytes, $"run option '{key}'");
            if (key.Length == 0 || !options.TryAdd(key, value))
            {
                throw reader.Error(key.Length == 0 ? "empty run option name" : $"run option '{key}' appears twice");
            }
        }

        return options;
    }

    private static void WriteFingerprint(BinaryFieldWriter writer, DataFingerprint fingerprint)
    {
        writer.Int32(fingerprint.Count);
        writer.Int32(fingerprint.FeatureCount);
        writer.UInt32(fingerprint.LabelsChecksum);
        writer.UInt64(fingerprint.FeaturesHash);
    }

    private static DataFingerprint ReadFingerprint(ref BinaryFieldReader reader, string name)
    {
        var fingerprint = new DataFingerprint(reader.Int32(), reader.Int32(), reader.UInt32(), reader.UInt64());
        if (fingerprint.Count < -1 || (fingerprint.Count < 0 && fingerprint != DataFingerprint.None) || (fingerprint.Count >= 0 && fingerprint.FeatureCount <= 0))
        {
            throw reader.Error($"invalid {name} data fingerprint");
        }

        return fingerprint;
    }
}
