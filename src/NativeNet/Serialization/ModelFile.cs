using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using NativeNet.IO;
using NativeNet.Networks;
using NativeNet.Optimizers;

namespace NativeNet.Serialization;

/// <summary>
/// Saves and loads trained networks in NativeNet's model file format (<c>.nnet</c>), version 1:
/// little-endian, no reflection. Layout: magic <c>NNETMODL</c>, format version, element size, the
/// architecture (<see cref="NetworkOptions"/>), the flat parameter and state buffers, optionally the
/// optimizer (name, hyperparameters, step count, state buffers), and a CRC-32 of all preceding bytes.
/// Saves are atomic: the file is written beside the target under a temporary name, flushed to disk and
/// renamed over the target, so an interrupted save leaves the previous file intact (a killed process may
/// leave its temporary file behind, never a partial target). Networks with NaN or infinite parameters are
/// not saved. Loading validates every field and the checksum, checks that the sizes the header declares
/// are backed by bytes in the file before allocating anything proportional to them, rejects non-finite
/// values, and throws <see cref="InvalidFileFormatException"/> naming the problem.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

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

        var writer = new BinaryFieldWriter();
        writer.Bytes(Magic);
        writer.Int32(FormatVersion);
        writer.Int32(ElementSize<T>());
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

    /// <summary>Loads a model file saved by <see cref="Save{T}"/>; values stored as float or double are converted to <typeparamref name="T"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="batchCapacity">The batch capacity of the rebuilt network.</param>
    /// <exception cref="InvalidFileFormatException">The file is truncated, altered, of another version or otherwise malformed.</exception>
    public static LoadedModel<T> Load<T>(string path, int batchCapacity = 100)
        where T : unmanaged, IFloatingPointIeee754<T>
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

        return Deserialize<T>(File.ReadAllBytes(path), path, batchCapacity);
    }

    /// <summary>Loads a model from its bytes (see <see cref="Serialize{T}"/>).</summary>
    /// <exception cref="InvalidFileFormatException">The bytes are not a valid model file.</exception>
    public static LoadedModel<T> Deserialize<T>(ReadOnlySpan<byte> bytes, string sourceName = "model", int batchCapacity = 100)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reader = new BinaryFieldReader(bytes, sourceName);
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
        if (version != FormatVersion)
        {
            throw reader.Error($"format version {version} is not supported (this library reads version {FormatVersion})");
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

        NetworkOptions options = ReadOptions(ref reader);

        // Sizes in the header are untrusted: the values they imply must be in the file before anything
        // proportional to them (parameters, workspace) is allocated.
        long minimumBytes = MinimumValueCount(options) * elementSize;
        if (minimumBytes > reader.Remaining)
        {
            throw reader.Error($"the architecture {options.Describe()} needs at least {minimumBytes} bytes of parameters, the file has {reader.Remaining} bytes left");
        }

        var network = new Network<T>(options, batchCapacity);
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

    /// <summary>Parameters plus state scalars of the architecture without alignment padding: a lower bound on what a file holds.</summary>
    private static long MinimumValueCount(NetworkOptions options)
    {
        long count = 0;
        long fanIn = options.InputSize;
        foreach (int width in options.HiddenSizes)
        {
            // W, b, and with batch norm gamma, beta and the two running statistics.
            count += (fanIn * width) + width + (options.UseBatchNorm ? 4L * width : 0);
            fanIn = width;
        }

        return count + (fanIn * options.OutputSize) + options.OutputSize;
    }

    private static double? Optional(double value) => double.IsNaN(value) ? null : value;

    private static int ElementSize<T>() => Marshal.SizeOf<T>();

    private static void WriteOptions(BinaryFieldWriter writer, NetworkOptions options)
    {
        writer.Int32(options.InputSize);
        writer.Int32(options.HiddenSizes.Count);
        foreach (int width in options.HiddenSizes)
        {
            writer.Int32(width);
        }

        writer.Int32(options.OutputSize);
        writer.Byte((byte)options.Activation);
        writer.Byte((byte)options.WeightInit.Kind);
        writer.Double(options.WeightInit.FixedStd);
        writer.Double(options.WeightDecay);
        writer.Double(options.DropoutRatio);
        writer.Byte((byte)options.DropoutMode);
        writer.Byte(options.UseBatchNorm ? (byte)1 : (byte)0);
        writer.Double(options.BatchNormMomentum);
        writer.Double(options.BatchNormEpsilon);
        writer.Double(options.CrossEntropyEpsilon);
        writer.Int64(unchecked((long)options.Seed));
    }

    private static NetworkOptions ReadOptions(ref BinaryFieldReader reader)
    {
        const int MaxWidth = 1 << 20;
        const int MaxHiddenLayers = 1024;
        int input = reader.Int32();
        int hiddenCount = reader.Int32();
        if (hiddenCount < 0 || hiddenCount > MaxHiddenLayers)
        {
            throw reader.Error($"invalid hidden layer count {hiddenCount}");
        }

        int[] hidden = new int[hiddenCount];
        for (int i = 0; i < hiddenCount; i++)
        {
            hidden[i] = reader.Int32();
        }

        int output = reader.Int32();
        if (input is <= 0 or > MaxWidth || output is <= 0 or > MaxWidth || hidden.Any(h => h is <= 0 or > MaxWidth))
        {
            throw reader.Error($"invalid layer sizes {input}-{string.Join('-', hidden)}-{output}");
        }

        byte activation = reader.Byte();
        byte initKind = reader.Byte();
        double initStd = reader.Double();
        double decay = reader.Double();
        double dropout = reader.Double();
        byte dropoutMode = reader.Byte();
        byte batchNorm = reader.Byte();
        double bnMomentum = reader.Double();
        double bnEpsilon = reader.Double();
        double ceEpsilon = reader.Double();
        ulong seed = unchecked((ulong)reader.Int64());
        if (activation > (byte)Activation.Tanh || initKind > (byte)WeightInitKind.Xavier || dropoutMode > 1 || batchNorm > 1)
        {
            throw reader.Error("invalid architecture codes (activation, initialisation, dropout mode or batch-norm flag)");
        }

        var options = new NetworkOptions
        {
            InputSize = input,
            HiddenSizes = hidden,
            OutputSize = output,
            Activation = (Activation)activation,
            WeightInit = (WeightInitKind)initKind switch
            {
                WeightInitKind.He => WeightInit.He,
                WeightInitKind.Xavier => WeightInit.Xavier,
                _ => double.IsFinite(initStd) && initStd >= 0 ? WeightInit.Std(initStd) : throw reader.Error($"invalid weight standard deviation {initStd}"),
            },
            WeightDecay = decay,
            DropoutRatio = dropout,
            DropoutMode = (Layers.DropoutMode)dropoutMode,
            UseBatchNorm = batchNorm == 1,
            BatchNormMomentum = bnMomentum,
            BatchNormEpsilon = bnEpsilon,
            CrossEntropyEpsilon = ceEpsilon,
            Seed = seed,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw reader.Error($"invalid architecture: {e.Message}");
        }

        return options;
    }
}
