using NativeNet.Layers;

namespace NativeNet.Serialization;

/// <summary>
/// A <see cref="BatchNormalizationLayer{T}"/>: width, momentum, epsilon, then the names of gamma, beta, the running
/// mean and the running variance.
/// </summary>
internal sealed record BatchNormalizationDescription(
    int InputLength,
    double Momentum,
    double Epsilon,
    string GammaName,
    string BetaName,
    string RunningMeanName,
    string RunningVarianceName)
    : LayerDescription(LayerKind.BatchNormalization, InputLength)
{
    /// <inheritdoc/>
    public override long ParameterLength => 2L * InputLength;

    /// <inheritdoc/>
    public override long StateLength => 2L * InputLength;

    /// <inheritdoc/>
    public override string Settings => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"momentum {Momentum:G6}, eps {Epsilon:G6}");

    /// <inheritdoc/>
    public override ILayer<T> Create<T>() =>
        new BatchNormalizationLayer<T>(InputLength, GammaName, BetaName, RunningMeanName, RunningVarianceName, Momentum, Epsilon);

    /// <summary>Reads the fields after the input width.</summary>
    public static BatchNormalizationDescription Read(ref BinaryFieldReader reader, int index, int input)
    {
        double momentum = reader.Double();
        double epsilon = reader.Double();
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw reader.Error($"layer {index}: batch-norm momentum {momentum} is outside [0, 1]");
        }

        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw reader.Error($"layer {index}: batch-norm epsilon {epsilon} is not finite and positive");
        }

        return new BatchNormalizationDescription(
            input,
            momentum,
            epsilon,
            ReadName(ref reader, index, "gamma name"),
            ReadName(ref reader, index, "beta name"),
            ReadName(ref reader, index, "running mean name"),
            ReadName(ref reader, index, "running variance name"));
    }

    /// <inheritdoc/>
    protected override void WriteFields(BinaryFieldWriter writer)
    {
        writer.Double(Momentum);
        writer.Double(Epsilon);
        writer.String(GammaName);
        writer.String(BetaName);
        writer.String(RunningMeanName);
        writer.String(RunningVarianceName);
    }
}
