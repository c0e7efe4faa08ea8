using System.Numerics;
using NativeNet.Layers;

namespace NativeNet.Serialization;

/// <summary>
/// One layer of a version-2 model file: its kind, input width and whatever else rebuilds it (output width,
/// parameter names, hyperparameters), independent of the element type. Each layer writes its own
/// (<see cref="IStorableLayer"/>); <see cref="Read"/> is the one place that maps a kind code back to a description.
/// Records, so a read list can be compared with a written one.
/// </summary>
/// <param name="Kind">The layer kind.</param>
/// <param name="InputLength">Features per input sample.</param>
internal abstract record LayerDescription(LayerKind Kind, int InputLength)
{
    /// <summary>The widest layer a file may declare (as for version 1).</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>The longest parameter or state name, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 64;

    /// <summary>Features per output sample.</summary>
    public virtual int OutputLength => InputLength;

    /// <summary>Trainable scalars the layer declares, without alignment padding.</summary>
    public virtual long ParameterLength => 0;

    /// <summary>State scalars (running statistics) the layer declares, without alignment padding.</summary>
    public virtual long StateLength => 0;

    /// <summary>The hyperparameters in a few words, for <c>nativenet info</c> (empty when the kind has none).</summary>
    public virtual string Settings => string.Empty;

    /// <summary>A new, unbound layer of this description.</summary>
    public abstract ILayer<T> Create<T>()
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Writes the kind code, the input width, then the kind's own fields.</summary>
    public void Write(BinaryFieldWriter writer)
    {
        writer.Byte((byte)Kind);
        writer.Int32(InputLength);
        WriteFields(writer);
    }

    /// <summary>Reads one description written by <see cref="Write"/>, checking every field.</summary>
    /// <param name="reader">The file, positioned at the kind code.</param>
    /// <param name="index">The layer's position (1-based), for error messages.</param>
    public static LayerDescription Read(ref BinaryFieldReader reader, int index)
    {
        byte code = reader.Byte();
        int input = ReadWidth(ref reader, index, "input width");
        var kind = (LayerKind)code;
        return kind switch
        {
            LayerKind.Affine => AffineDescription.Read(ref reader, index, input),
            LayerKind.Relu or LayerKind.Sigmoid or LayerKind.Tanh or LayerKind.Softmax or LayerKind.LogSoftmax => new ActivationDescription(kind, input),
            LayerKind.LeakyRelu => LeakyReluDescription.Read(ref reader, index, input),
            LayerKind.BatchNormalization => BatchNormalizationDescription.Read(ref reader, index, input),
            LayerKind.Dropout => DropoutDescription.Read(ref reader, index, input),
            _ => throw reader.Error($"layer {index}: unknown layer kind {code}"),
        };
    }

    /// <summary>The kind's fields after the input width.</summary>
    protected virtual void WriteFields(BinaryFieldWriter writer)
    {
    }

    /// <summary>A width in [1, <see cref="MaxWidth"/>].</summary>
    protected static int ReadWidth(ref BinaryFieldReader reader, int index, string what)
    {
        int width = reader.Int32();
        if (width is <= 0 or > MaxWidth)
        {
            throw reader.Error($"layer {index}: invalid {what} {width} (1 to {MaxWidth})");
        }

        return width;
    }

    /// <summary>A parameter or state name: 1 to <see cref="MaxNameBytes"/> bytes of UTF-8.</summary>
    protected static string ReadName(ref BinaryFieldReader reader, int index, string what)
    {
        string name = reader.String(MaxNameBytes, $"layer {index} {what}");
        if (name.Length == 0)
        {
            throw reader.Error($"layer {index}: empty {what}");
        }

        return name;
    }
}
