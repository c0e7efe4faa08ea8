namespace NativeNet.Data;

/// <summary>
/// The standard MNIST file names (without the optional <c>.gz</c>), shared by MNIST, Fashion-MNIST and
/// the bundled sample, so a loader that reads one folder reads the others unchanged.
/// </summary>
public static class MnistFileNames
{
    /// <summary>Training images, IDX magic 2051: count x rows x columns unsigned bytes.</summary>
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>Training labels, IDX magic 2049: count unsigned bytes.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>Test images, IDX magic 2051.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>Test labels, IDX magic 2049.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The suffix of the gzip-compressed variants.</summary>
    public const string GzipSuffix = ".gz";
}
