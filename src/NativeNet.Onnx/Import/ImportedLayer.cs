using NativeNet.Layers;

namespace NativeNet.Onnx.Import;

/// <summary>
/// One layer the importer found, with its weights: it can build the NativeNet layer (as often as a network asks)
/// and load the weights into the bound instance.
/// </summary>
internal abstract class ImportedLayer
{
    /// <summary>Features per sample in.</summary>
    public abstract int InputLength { get; }

    /// <summary>Features per sample out.</summary>
    public abstract int OutputLength { get; }

    /// <summary>A new, unbound layer; <paramref name="number"/> (1, 2, …) names its parameters.</summary>
    public abstract ILayer<float> Create(int number);

    /// <summary>Writes the imported weights into <paramref name="layer"/>, made by <see cref="Create"/> and bound.</summary>
    public virtual void Load(ILayer<float> layer)
    {
    }
}

/// <summary><c>y = x·W + b</c> with W <c>(K, M)</c> row-major, as <see cref="AffineLayer{T}"/> keeps it.</summary>
internal sealed class ImportedAffine(int inputLength, int outputLength, float[] weights, float[] bias) : ImportedLayer
{
    public override int InputLength => inputLength;

    public override int OutputLength => outputLength;

    /// <summary>The bias, which a following Add may still add to.</summary>
    public float[] Bias => bias;

    public override ILayer<float> Create(int number) => new AffineLayer<float>(inputLength, outputLength, 0, $"W{number}", $"b{number}");

    public override void Load(ILayer<float> layer)
    {
        var affine = (AffineLayer<float>)layer;
        weights.CopyTo(affine.Weights.Span);
        bias.CopyTo(affine.Bias.Span);
    }
}

/// <summary>Batch normalisation at inference, with the model's statistics.</summary>
internal sealed class ImportedBatchNorm(int length, double epsilon, float[] scale, float[] shift, float[] mean, float[] variance) : ImportedLayer
{
    public override int InputLength => length;

    public override int OutputLength => length;

    public override ILayer<float> Create(int number) =>
        new BatchNormalizationLayer<float>(length, $"gamma{number}", $"beta{number}", $"runningMean{number}", $"runningVar{number}", epsilon: epsilon);

    public override void Load(ILayer<float> layer)
    {
        var bn = (BatchNormalizationLayer<float>)layer;
        scale.CopyTo(bn.Gamma.Span);
        shift.CopyTo(bn.Beta.Span);
        mean.CopyTo(bn.RunningMean.Span);
        variance.CopyTo(bn.RunningVariance.Span);
    }
}

/// <summary>A layer without weights (an activation, softmax, log-softmax).</summary>
internal sealed class ImportedActivation(int length, Func<int, ILayer<float>> create) : ImportedLayer
{
    public override int InputLength => length;

    public override int OutputLength => length;

    public override ILayer<float> Create(int number) => create(length);
}
