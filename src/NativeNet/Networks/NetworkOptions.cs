using System.Globalization;
using System.Text;
using NativeNet.Layers;

namespace NativeNet.Networks;

/// <summary>
/// The architecture of a fully connected network as the book's MultiLayerNet and MultiLayerNetExtend
/// define it: <c>input → (Affine → [BatchNorm] → activation → [Dropout]) × hidden → Affine → Softmax</c>.
/// Saved in model files, so a loaded model rebuilds the same network.
/// </summary>
public sealed record NetworkOptions
{
    /// <summary>Features per input sample (784 for MNIST).</summary>
    public int InputSize { get; init; } = 784;

    /// <summary>The width of each hidden layer, for example <c>[100, 100, 100, 100]</c>.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [100];

    /// <summary>The number of classes (10 for MNIST).</summary>
    public int OutputSize { get; init; } = 10;

    /// <summary>The hidden activation.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>How initial weights are scaled.</summary>
    public WeightInit WeightInit { get; init; } = WeightInit.He;

    /// <summary>L2 weight decay λ: the loss adds <c>0.5·λ·ΣW²</c> over every weight matrix, the gradient <c>λ·W</c>.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The dropout ratio after each hidden activation; 0 means no dropout layers.</summary>
    public double DropoutRatio { get; init; }

    /// <summary>How dropout scales (the book's mode by default).</summary>
    public DropoutMode DropoutMode { get; init; } = DropoutMode.Reference;

    /// <summary>Whether a batch-normalisation layer follows each hidden affine layer.</summary>
    public bool UseBatchNorm { get; init; }

    /// <summary>The running-statistics momentum of the batch-norm layers.</summary>
    public double BatchNormMomentum { get; init; } = 0.9;

    /// <summary>The epsilon inside the batch-norm square root.</summary>
    public double BatchNormEpsilon { get; init; } = 1e-6;

    /// <summary>
    /// The δ inside the cross-entropy's <c>log(y + δ)</c>. 0 (the default) computes the exact log-softmax, whose
    /// gradient is exactly the fused <c>(y - t)/N</c> backward and which stays finite for any logits. The
    /// reference's <c>1e-7</c> reproduces its printed loss values; its backward is then off by a relative
    /// <c>δ/(y_t + δ)</c>, which a tight gradient check detects.
    /// </summary>
    public double CrossEntropyEpsilon { get; init; }

    /// <summary>The seed of weight initialisation and dropout masks.</summary>
    public ulong Seed { get; init; }

    /// <summary>The options of the book's ch. 4 TwoLayerNet: one sigmoid hidden layer, weights <c>0.01·N(0,1)</c>.</summary>
    public static NetworkOptions TwoLayer(int inputSize, int hiddenSize, int outputSize, double weightInitStd = 0.01, ulong seed = 0) => new()
    {
        InputSize = inputSize,
        HiddenSizes = [hiddenSize],
        OutputSize = outputSize,
        Activation = Activation.Sigmoid,
        WeightInit = WeightInit.Std(weightInitStd),
        Seed = seed,
    };

    /// <summary>Throws a clear exception for any invalid option.</summary>
    public void Validate()
    {
        if (InputSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "The input size must be positive.");
        }

        if (OutputSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutputSize), OutputSize, "The output size must be positive.");
        }

        ArgumentNullException.ThrowIfNull(HiddenSizes);
        for (int i = 0; i < HiddenSizes.Count; i++)
        {
            if (HiddenSizes[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), HiddenSizes[i], $"Hidden layer {i + 1} must have a positive width.");
            }
        }

        if (!double.IsFinite(WeightDecay) || WeightDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Weight decay must be finite and non-negative.");
        }

        if (!(DropoutRatio >= 0 && DropoutRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DropoutRatio), DropoutRatio, "The dropout ratio must be in [0, 1).");
        }

        if (!(BatchNormMomentum >= 0 && BatchNormMomentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchNormMomentum), BatchNormMomentum, "The batch-norm momentum must be in [0, 1).");
        }

        if (!(CrossEntropyEpsilon >= 0 && CrossEntropyEpsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CrossEntropyEpsilon), CrossEntropyEpsilon, "The cross-entropy epsilon must be in [0, 1).");
        }

        if (!(BatchNormEpsilon > 0) || !double.IsFinite(BatchNormEpsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchNormEpsilon), BatchNormEpsilon, "The batch-norm epsilon must be positive and finite.");
        }
    }

    /// <summary>Value equality including the hidden sizes' elements.</summary>
    public bool Equals(NetworkOptions? other) =>
        other is not null
        && InputSize == other.InputSize
        && HiddenSizes.SequenceEqual(other.HiddenSizes)
        && OutputSize == other.OutputSize
        && Activation == other.Activation
        && WeightInit == other.WeightInit
        && WeightDecay.Equals(other.WeightDecay)
        && DropoutRatio.Equals(other.DropoutRatio)
        && DropoutMode == other.DropoutMode
        && UseBatchNorm == other.UseBatchNorm
        && BatchNormMomentum.Equals(other.BatchNormMomentum)
        && BatchNormEpsilon.Equals(other.BatchNormEpsilon)
        && CrossEntropyEpsilon.Equals(other.CrossEntropyEpsilon)
        && Seed == other.Seed;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(InputSize, HiddenSizes.Count, OutputSize, Activation, WeightInit, UseBatchNorm, DropoutRatio, Seed);

    /// <summary>
    /// A compact description such as <c>784-100x4-10 relu init=he batchnorm</c> (culture-invariant numbers; no hidden
    /// layer gives <c>784-10</c>).
    /// </summary>
    public string Describe()
    {
        IEnumerable<int> widths = [InputSize, .. HiddenSizes, OutputSize];
        string shape = HiddenSizes.Count > 1 && HiddenSizes.All(h => h == HiddenSizes[0])
            ? $"{InputSize}-{HiddenSizes[0]}x{HiddenSizes.Count}-{OutputSize}"
            : string.Join('-', widths);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{shape} {Activation.ToString().ToLowerInvariant()} init={WeightInit}");
        if (UseBatchNorm)
        {
            text.Append(" batchnorm");
        }

        if (DropoutRatio > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" dropout={DropoutRatio}");
        }

        if (WeightDecay > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" decay={WeightDecay}");
        }

        return text.ToString();
    }
}
