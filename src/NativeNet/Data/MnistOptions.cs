namespace NativeNet.Data;

/// <summary>
/// How <see cref="MnistLoader"/> turns IDX bytes into a dataset. The defaults match the reference's
/// <c>load_mnist(normalize=True, flatten=True, one_hot_label=False)</c>.
/// </summary>
public sealed record MnistOptions
{
    /// <summary>The reference defaults: normalised, flattened, class-index labels, 10 classes.</summary>
    public static MnistOptions Default { get; } = new();

    /// <summary>
    /// When true, pixels become <c>value / 255</c> in <c>[0, 1]</c>; when false they keep their raw
    /// value 0..255 (as floating-point numbers).
    /// </summary>
    public bool Normalize { get; init; } = true;

    /// <summary>
    /// When true, a sample's shape is <c>[rows * columns]</c> (784 for MNIST); when false it is
    /// <c>[1, rows, columns]</c> (channel, height, width). The stored data is the same row-major block.
    /// </summary>
    public bool Flatten { get; init; } = true;

    /// <summary>When true, the datasets also carry one-hot targets (<see cref="LabeledDataset{T}.OneHotTargets"/>).</summary>
    public bool OneHot { get; init; }

    /// <summary>Number of classes; every label in the files must be below it (10 for MNIST and Fashion-MNIST).</summary>
    public int ClassCount { get; init; } = 10;

    /// <summary>Largest payload accepted per file; a header declaring more is rejected before allocating.</summary>
    public long MaxPayloadBytes { get; init; } = IdxReader.DefaultMaxPayloadBytes;

    /// <summary>Throws when a value is out of range; the loader calls it first.</summary>
    internal void Validate()
    {
        if (ClassCount is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(ClassCount), ClassCount, "The class count must be in [1, 256] (labels are bytes).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPayloadBytes, nameof(MaxPayloadBytes));
    }
}
