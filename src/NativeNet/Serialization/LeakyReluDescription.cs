using NativeNet.Layers;

namespace NativeNet.Serialization;

/// <summary>A <see cref="LeakyReluLayer{T}"/>: width, then the slope for negative inputs (a double).</summary>
internal sealed record LeakyReluDescription(int InputLength, double Alpha) : LayerDescription(LayerKind.LeakyRelu, InputLength)
{
    /// <inheritdoc/>
    public override string Settings => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"alpha {Alpha:G6}");

    /// <inheritdoc/>
    public override ILayer<T> Create<T>() => new LeakyReluLayer<T>(InputLength, Alpha);

    /// <summary>Reads the fields after the input width.</summary>
    public static LeakyReluDescription Read(ref BinaryFieldReader reader, int index, int input)
    {
        double alpha = reader.Double();
        if (!double.IsFinite(alpha))
        {
            throw reader.Error($"layer {index}: leaky ReLU slope {alpha} is not finite");
        }

        return new LeakyReluDescription(input, alpha);
    }

    /// <inheritdoc/>
    protected override void WriteFields(BinaryFieldWriter writer) => writer.Double(Alpha);
}
