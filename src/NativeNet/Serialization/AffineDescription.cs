using NativeNet.Layers;

namespace NativeNet.Serialization;

/// <summary>
/// An <see cref="AffineLayer{T}"/>: input width, output width, the standard deviation its weights are initialised
/// with, and the names of W and b.
/// </summary>
internal sealed record AffineDescription(int InputLength, int Outputs, double WeightStd, string WeightName, string BiasName)
    : LayerDescription(LayerKind.Affine, InputLength)
{
    /// <inheritdoc/>
    public override int OutputLength => Outputs;

    /// <inheritdoc/>
    public override long ParameterLength => ((long)InputLength * Outputs) + Outputs;

    /// <inheritdoc/>
    public override ILayer<T> Create<T>() => new AffineLayer<T>(InputLength, Outputs, WeightStd, WeightName, BiasName);

    /// <summary>Reads the fields after the input width.</summary>
    public static AffineDescription Read(ref BinaryFieldReader reader, int index, int input)
    {
        int outputs = ReadWidth(ref reader, index, "output width");
        double std = reader.Double();
        if (!double.IsFinite(std) || std < 0)
        {
            throw reader.Error($"layer {index}: weight standard deviation {std} is not finite and non-negative");
        }

        return new AffineDescription(input, outputs, std, ReadName(ref reader, index, "weight name"), ReadName(ref reader, index, "bias name"));
    }

    /// <inheritdoc/>
    protected override void WriteFields(BinaryFieldWriter writer)
    {
        writer.Int32(Outputs);
        writer.Double(WeightStd);
        writer.String(WeightName);
        writer.String(BiasName);
    }
}
