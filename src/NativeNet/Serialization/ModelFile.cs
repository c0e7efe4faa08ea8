using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using NativeNet.IO;
using NativeNet.Networks;
using NativeNet.Optimizers;

namespace NativeNet.Serialization;

/// <summary>
/// Saves and loads networks in NativeNet's model file format (<c>.nnet</c>): little-endian, no reflection.
/// Layout: magic <c>NNETMODL</c>, format version, element size, a body, and a CRC-32 of all preceding bytes.
/// Version 1 (<see cref="NetworkFormatVersion"/>, written for a <see cref="Network{T}"/>): the architecture
/// (<see cref="NetworkOptions"/>), the flat parameter and state buffers, optionally the optimizer (name,
/// hyperparameters, step count, state buffers). Version 2 (<see cref="FormatVersion"/>, written for any layer list,
/// a <see cref="SequentialNetwork{T}"/>): the input size, each layer's kind, widths, parameter names and
/// hyperparameters, then the parameter and state buffers. A <see cref="Network{T}"/> stays version 1 because it is
/// rebuilt from its options (weight decay, initialisation, dropout seed), which a layer list does not carry;
/// <see cref="LoadSequential{T}"/> reads both versions.
/// Saves are atomic: the file is written beside the target under a temporary name, flushed to disk and
/// renamed over the target, so an interrupted save leaves the previous file intact (a killed process may
/// leave its temporary file behind, never a partial target). Networks with NaN or infinite parameters are
/// not saved. Loading validates every field and the checksum, checks that the sizes the header declares
/// are backed by bytes in the file before allocating anything proportional to them, rejects non-finite
/// values, and throws <see cref="InvalidFileFormatException"/> naming the problem.
/// </summary>
public static partial class ModelFile
{
    /// <summary>The newest format version this library writes and reads: a layer list (<see cref="SequentialNetwork{T}"/>).</summary>
    public const int FormatVersion = 2;

    /// <summary>The format version of a <see cref="Network{T}"/>: its <see cref="NetworkOptions"/>, parameters and optimizer.</summary>
    public const int NetworkFormatVersion = 1;

    /// <summary>The largest model file accepted (1 GiB), so a corrupt header cannot make a load allocate without bound.</summary>
    public const long MaxFileBytes = 1L << 30;

    private static ReadOnlySpan<byte> Magic => "NNETMODL"u8;

    /// <summary>Writes <paramref name="network"/> (and optionally <paramref name="optimizer"/>, to resume training) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="InvalidOperationException">A parameter or state value is NaN or infinite (a diverged network); the file is not touched.</exception>
    public static void Save<T>(string path, Network<T> network, Optimizer<T>? optimizer = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = Serialize(network, optimizer);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The bytes of a model file, for storing elsewhere than in a file.</summary>
    /// <exception cref="InvalidOperationException">A parameter or state value is NaN or infinite (a diverged network).</exception>
    public static byte[] Serialize<T>(Network<T> network, Optimizer<T>? optimizer = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        string? nonFinite = network.Parameters.DescribeFirstNonFinite();
        if (nonFinite is not null)
        {
            throw new InvalidOperationException($"The network's parameters are not finite ({nonFinite}), as after a diverged update: it is not saved, so a previously saved file stays as it was.");
        }

        var writer = StartFile<T>(NetworkFormatVersion);
        WriteOptions(writer, network.Options);
        writer.Elements<T>(network.Parameters.Values);
        writer.Elements<T>(network.Parameters.State);
        if (optimizer is null)
        {
            writer.Byte(0);
        }
        else
        {
            if (optimizer.ParameterCount != network.Parameters.Values.Length)
            {
                throw new ShapeMismatchException($"The optimizer holds state for {optimizer.ParameterCount} parameters, the network has {network.Parameters.Values.Length}.");
            }

            writer.Byte(1);
            writer.String(optimizer.Name);
            var hyper = OptimizerHyperparameters.Read(optimizer);
            writer.Double(double.CreateTruncating(optimizer.LearningRate));
            writer.Double(hyper.Momentum ?? double.NaN);
            writer.Double(hyper.DecayRate ?? double.NaN);
            writer.Double(hyper.Beta1 ?? double.NaN);
            writer.Double(hyper.Beta2 ?? double.NaN);
            writer.Int64(optimizer.StepCount);
            writer.Int32(optimizer.StateBufferCount);
            for (int i = 0; i < optimizer.StateBufferCount; i++)
            {
                writer.Elements<T>(optimizer.GetStateBuffer(i));
            }
        }

        return writer.ToArrayWithChecksum();
    }

    /// <summary>Loads a model file saved by <see cref="Save{T}(string, Network{T}, Optimizer{T})"/>; values stored as float or double are converted to <typeparamref name="T"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="batchCapacity">The batch capacity of the rebuilt network.</param>
    /// <exception cref="InvalidFileFormatException">The file is truncated, altered, of another version or otherwise malformed.</exception>
    public static LoadedModel<T> Load<T>(string path, int batchCapacity = 100)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return Deserialize<T>(ReadFile(path), path, batchCapacity);
    }

    /// <summary>Loads a model from its bytes (see <see cref="Serialize{T}(Network{T}, Optimizer{T})"/>).</summary>
    /// <exception cref="InvalidFileFormatException">The bytes are not a valid model file.</exception>
    public static LoadedModel<T> Deserialize<T>(ReadOnlySpan<byte> bytes, string sourceName = "model", int batchCapacity = 100)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reader = new BinaryFieldReader(bytes, sourceName);
        var (version, elementSize) = ReadHeader(bytes, ref reader);
        if (version != NetworkFormatVersion)
        {
            throw reader.Error($"format version {version} holds a layer list (a SequentialNetwork), not the NetworkOptions a trainable Network is built from; load it with ModelFile.LoadSequential");
        }

        NetworkOptions options = ReadOptions(ref reader);

        // Sizes in the header are untrusted: the values they imply must be in the file before anything
        // proportional to them (parameters, workspace) is allocated.
        long minimumBytes = MinimumValueCount(options) * elementSize;
        if (minimumBytes > reader.Remaining)
        {
            throw reader.Error($"the architecture {options.Describe()} needs at least {minimumBytes} bytes of parameters, the file has {reader.Remaining} bytes left");
        }

        // Not initialised: every parameter and state value comes from the file (random init cost ms at start-up).
        var network = new Network<T>(options, batchCapacity, initialize: false);
        reader.Elements(network.Parameters.Values, elementSize, "parameters");
        reader.Elements(network.Parameters.State, elementSize, "state");
        string? nonFinite = network.Parameters.DescribeFirstNonFinite();
        if (nonFinite is not null)
        {
            throw reader.Error($"non-finite parameter {nonFinite}");
        }

        Optimizer<T>? optimizer = null;
        byte hasOptimizer = reader.Byte();
        if (hasOptimizer > 1)
        {
            throw reader.Error($"invalid optimizer flag {hasOptimizer}");
        }

        if (hasOptimizer == 1)
        {
            string name = reader.String(64, "optimizer name");
            double lr = reader.Double();
            double momentum = reader.Double();
            double decayRate = reader.Double();
            double beta1 = reader.Double();
            double beta2 = reader.Double();
            try
            {
                optimizer = OptimizerFactory.Create<T>(name, network.Parameters.Values.Length, lr, Optional(momentum), Optional(beta1), Optional(beta2), Optional(decayRate));
            }
            catch (ArgumentException e)
            {
                throw reader.Error($"invalid optimizer: {e.Message}");
            }

            long steps = reader.Int64();
            if (steps < 0)
            {
                throw reader.Error($"negative optimizer step count {steps}");
            }

            optimizer.StepCount = steps;
            int buffers = reader.Int32();
            if (buffers != optimizer.StateBufferCount)
            {
                throw reader.Error($"optimizer '{name}' has {optimizer.StateBufferCount} state buffers, the file has {buffers}");
            }

            for (int i = 0; i < buffers; i++)
            {
                reader.Elements(optimizer.GetStateBuffer(i), elementSize, $"optimizer state {i}");
            }
        }

        if (reader.Remaining != 4)
        {
            throw reader.Error($"{reader.Remaining - 4} unexpected bytes before the checksum");
        }

        return new LoadedModel<T>(network, optimizer);
    }

    /// <summary>
    /// Checks the signature, the version, the checksum and the element size, and leaves <paramref name="reader"/>
    /// after them.
    /// </summary>
    private static (int Version, int ElementSize) ReadHeader(ReadOnlySpan<byte> bytes, ref BinaryFieldReader reader)
    {
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw reader.Error("not a NativeNet model file (missing the NNETMODL signature)");
        }

        if (bytes.Length < Magic.Length + 12)
        {
            throw reader.Error("truncated header");
        }

        // Verify the checksum first: every later error then means a writer bug or another version, not damage.
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        var crc = new Crc32();
        crc.Append(bytes[..^4]);
        reader.Take(Magic.Length);
        int version = reader.Int32();
        if (version is not (NetworkFormatVersion or FormatVersion))
        {
            throw reader.Error($"format version {version} is not supported (this library reads versions {NetworkFormatVersion} and {FormatVersion})");
        }

        if (crc.Value != stored)
        {
            throw reader.Error($"checksum mismatch (stored {stored:X8}, computed {crc.Value:X8}): the file is truncated or was altered");
        }

        int elementSize = reader.Int32();
        if (elementSize is not (4 or 8))
        {
            throw reader.Error($"element size {elementSize} is neither 4 (float) nor 8 (double)");
        }

        return (version, elementSize);
    }

    /// <summary>The bytes of a model file no larger than <see cref="MaxFileBytes"/>.</summary>
    private static byte[] ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InvalidFileFormatException($"{path}: {info.Length} bytes is larger than the {MaxFileBytes}-byte limit for model files.");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>A writer holding the header: magic, format version, element size.</summary>
    private static BinaryFieldWriter StartFile<T>(int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var writer = new BinaryFieldWriter();
        writer.Bytes(Magic);
        writer.Int32(version);
        writer.Int32(ElementSize<T>());
        return writer;
    }

    private static double? Optional(double value) => double.IsNaN(value) ? null : value;

    private static int ElementSize<T>() => Marshal.SizeOf<T>();
}
