using System.Numerics;
using NativeNet.IO;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Randomness;

namespace NativeNet.Serialization;

/// <summary>Version 2: a layer list (<see cref="SequentialNetwork{T}"/>), each layer described by itself.</summary>
public static partial class ModelFile
{
    /// <summary>The most layers a version-2 file may list.</summary>
    internal const int MaxLayers = 1024;

    /// <summary>
    /// Activations per sample a version-2 file may declare beyond its parameter count. Layers without parameters
    /// (activations, dropout) cost no bytes in the file, so without this bound a few bytes could declare a network
    /// whose sessions need gigabytes; real classifiers have far fewer activations than parameters.
    /// </summary>
    internal const int MaxFreeActivationsPerSample = 1 << 14;

    /// <summary>Writes the layer list <paramref name="network"/> (format version 2) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="NotSupportedException">A layer is not one of NativeNet's own layers (see <see cref="Serialize{T}(SequentialNetwork{T})"/>).</exception>
    /// <exception cref="InvalidOperationException">A parameter or state value is NaN or infinite; the file is not touched.</exception>
    public static void Save<T>(string path, SequentialNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = Serialize(network);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// The bytes of a version-2 model file: the input size, each layer's kind, sizes, parameter names and
    /// hyperparameters, then the parameter and state buffers. Any list of NativeNet's layers can be stored
    /// (affine, batch normalisation, dropout, ReLU, leaky ReLU, sigmoid, tanh, softmax, log-softmax).
    /// </summary>
    /// <exception cref="NotSupportedException">A layer is a user's own <see cref="ILayer{T}"/>, which cannot describe itself.</exception>
    /// <exception cref="InvalidOperationException">A parameter or state value is NaN or infinite.</exception>
    public static byte[] Serialize<T>(SequentialNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        var descriptions = new LayerDescription[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            descriptions[i] = layers[i] is IStorableLayer storable
                ? storable.Describe()
                : throw new NotSupportedException($"Layer {i + 1} ({layers[i].Name}, {layers[i].GetType().Name}) is not one of NativeNet's layers, so a model file cannot describe it.");
        }

        string? nonFinite = network.Parameters.DescribeFirstNonFinite();
        if (nonFinite is not null)
        {
            throw new InvalidOperationException($"The network's parameters are not finite ({nonFinite}): it is not saved, so a previously saved file stays as it was.");
        }

        var writer = StartFile<T>(FormatVersion);
        writer.Int32(network.InputSize);
        writer.Int32(descriptions.Length);
        foreach (var description in descriptions)
        {
            description.Write(writer);
        }

        writer.Elements<T>(network.Parameters.Values);
        writer.Elements<T>(network.Parameters.State);
        return writer.ToArrayWithChecksum();
    }

    /// <summary>
    /// Loads any model file as a layer list: a version-2 file as written, a version-1 file as the layers its
    /// <see cref="NetworkOptions"/> build (its optimizer, if any, is dropped). For predicting, exporting and serving.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileFormatException">The file is truncated, altered, of another version or otherwise malformed.</exception>
    public static SequentialNetwork<T> LoadSequential<T>(string path)
        where T : unmanaged, IFloatingPointIeee754<T> => DeserializeSequential<T>(ReadFile(path), path);

    /// <summary>Loads a layer list from the bytes of any model file (see <see cref="LoadSequential{T}"/>).</summary>
    /// <exception cref="InvalidFileFormatException">The bytes are not a valid model file.</exception>
    public static SequentialNetwork<T> DeserializeSequential<T>(ReadOnlySpan<byte> bytes, string sourceName = "model")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reader = new BinaryFieldReader(bytes, sourceName);
        var (version, elementSize) = ReadHeader(bytes, ref reader);
        if (version == NetworkFormatVersion)
        {
            return ToSequential(Deserialize<T>(bytes, sourceName, batchCapacity: 1).Network);
        }

        int inputSize = reader.Int32();
        if (inputSize is <= 0 or > LayerDescription.MaxWidth)
        {
            throw reader.Error($"invalid input size {inputSize} (1 to {LayerDescription.MaxWidth})");
        }

        var descriptions = ReadLayers(ref reader, inputSize);

        // Untrusted sizes again: the values the layers declare must be in the file before any of them is allocated.
        long values = 0;
        long activations = 0;
        foreach (var description in descriptions)
        {
            values += description.ParameterLength + description.StateLength;
            activations += description.OutputLength;
        }

        if (values * elementSize > reader.Remaining)
        {
            throw reader.Error($"the {descriptions.Length} layers need at least {values * elementSize} bytes of parameters and state, the file has {reader.Remaining} bytes left");
        }

        if (activations > values + MaxFreeActivationsPerSample)
        {
            throw reader.Error($"the {descriptions.Length} layers declare {activations} activations per sample for {values} parameters (at most {MaxFreeActivationsPerSample} more activations than parameters)");
        }

        SequentialNetwork<T> network;
        try
        {
            network = new SequentialNetwork<T>(inputSize, () => [.. descriptions.Select(d => d.Create<T>())]);
        }
        catch (ArgumentException e)
        {
            // Duplicate parameter names: the layout refuses them.
            throw reader.Error($"invalid layer list: {e.Message}");
        }

        reader.Elements(network.Parameters.Values, elementSize, "parameters");
        reader.Elements(network.Parameters.State, elementSize, "state");
        string? nonFinite = network.Parameters.DescribeFirstNonFinite();
        if (nonFinite is not null)
        {
            throw reader.Error($"non-finite parameter {nonFinite}");
        }

        if (reader.Remaining != 4)
        {
            throw reader.Error($"{reader.Remaining - 4} unexpected bytes before the checksum");
        }

        return network;
    }

    /// <summary>The layer count and each layer, every one taking the previous one's output width.</summary>
    private static LayerDescription[] ReadLayers(ref BinaryFieldReader reader, int inputSize)
    {
        int count = reader.Int32();
        // A description takes at least 5 bytes (kind code and input width).
        if (count is <= 0 or > MaxLayers || (long)count * 5 > reader.Remaining)
        {
            throw reader.Error($"invalid layer count {count} (1 to {MaxLayers}, and at most one per 5 bytes left)");
        }

        var descriptions = new LayerDescription[count];
        int width = inputSize;
        for (int i = 0; i < count; i++)
        {
            var description = LayerDescription.Read(ref reader, i + 1);
            if (description.InputLength != width)
            {
                throw reader.Error($"layer {i + 1} ({description.Kind}) takes {description.InputLength} features, but receives {width}");
            }

            descriptions[i] = description;
            width = description.OutputLength;
        }

        return descriptions;
    }

    /// <summary>The layers a version-1 network's options build, holding its parameters and state.</summary>
    private static SequentialNetwork<T> ToSequential<T>(Network<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var options = network.Options;
        // Dropout layers take a generator, but a layer list only predicts: an inference forward never draws from it.
        var sequential = new SequentialNetwork<T>(options.InputSize, () => NetworkLayers.Build<T>(options, new SeededRandom(0)).Layers, options.Seed);
        sequential.Parameters.CopyValuesFrom(network.Parameters);
        return sequential;
    }
}
