using NativeNet.Layers;
using NativeNet.Randomness;

namespace NativeNet.Serialization;

/// <summary>A <see cref="DropoutLayer{T}"/>: width, the drop ratio (a double) and the mode (a byte).</summary>
internal sealed record DropoutDescription(int InputLength, double Ratio, DropoutMode Mode) : LayerDescription(LayerKind.Dropout, InputLength)
{
    /// <inheritdoc/>
    public override string Settings => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ratio {Ratio:G6}, {(Mode == DropoutMode.Inverted ? "inverted" : "reference scaling")}");

    /// <inheritdoc/>
    // A layer list predicts only: an inference forward never draws from the generator.
    public override ILayer<T> Create<T>() => new DropoutLayer<T>(InputLength, Ratio, new SeededRandom(0), Mode);

    /// <summary>Reads the fields after the input width.</summary>
    public static DropoutDescription Read(ref BinaryFieldReader reader, int index, int input)
    {
        double ratio = reader.Double();
        byte mode = reader.Byte();
        if (!(ratio >= 0 && ratio < 1))
        {
            throw reader.Error($"layer {index}: dropout ratio {ratio} is outside [0, 1)");
        }

        if (mode > (byte)DropoutMode.Inverted)
        {
            throw reader.Error($"layer {index}: invalid dropout mode {mode}");
        }

        return new DropoutDescription(input, ratio, (DropoutMode)mode);
    }

    /// <inheritdoc/>
    protected override void WriteFields(BinaryFieldWriter writer)
    {
        writer.Double(Ratio);
        writer.Byte((byte)Mode);
    }
}
