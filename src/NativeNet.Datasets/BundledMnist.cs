using System.Numerics;
using NativeNet.Data;

namespace NativeNet.Datasets;

/// <summary>
/// The real MNIST sample shipped inside this assembly: the first 10 000 training images and the complete
/// 10 000-image test set, as the original gzip IDX files (CC BY-SA 3.0, LeCun, Cortes, Burges). It loads
/// with no path and no download, so training runs offline on a fresh machine.
/// </summary>
public static class BundledMnist
{
    /// <summary>Number of training images in the sample.</summary>
    public const int TrainCount = 10_000;

    /// <summary>Number of test images in the sample (the full MNIST test set).</summary>
    public const int TestCount = 10_000;

    private const string ResourcePrefix = "NativeNet.Datasets.mnist-10k.";

    /// <summary>The names of the embedded files, for example <c>train-images-idx3-ubyte.gz</c>.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        MnistFileNames.TrainImages + MnistFileNames.GzipSuffix,
        MnistFileNames.TrainLabels + MnistFileNames.GzipSuffix,
        MnistFileNames.TestImages + MnistFileNames.GzipSuffix,
        MnistFileNames.TestLabels + MnistFileNames.GzipSuffix,
    ];

    /// <summary>Loads the sample with <see cref="float"/> features.</summary>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/> (normalised, flat, class indices).</param>
    /// <returns>10 000 training and 10 000 test samples of 28x28 images.</returns>
    public static MnistDataset<float> Load(MnistOptions? options = null) => Load<float>(options);

    /// <summary>Loads the sample with features of type <typeparamref name="T"/>.</summary>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <returns>10 000 training and 10 000 test samples of 28x28 images.</returns>
    public static MnistDataset<T> Load<T>(MnistOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using Stream trainImages = Open(FileNames[0]);
        using Stream trainLabels = Open(FileNames[1]);
        using Stream testImages = Open(FileNames[2]);
        using Stream testLabels = Open(FileNames[3]);
        return MnistLoader.Load<T>(trainImages, trainLabels, testImages, testLabels, options);
    }

    /// <summary>Opens one embedded file (still gzip-compressed), for example to write it to disk.</summary>
    /// <param name="fileName">One of <see cref="FileNames"/>.</param>
    /// <returns>A read-only, seekable stream the caller disposes.</returns>
    /// <exception cref="ArgumentException">The name is not one of <see cref="FileNames"/>.</exception>
    public static Stream Open(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (!FileNames.Contains(fileName))
        {
            throw new ArgumentException($"'{fileName}' is not a bundled file; expected one of {string.Join(", ", FileNames)}.", nameof(fileName));
        }

        return typeof(BundledMnist).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourcePrefix}{fileName} is missing from {typeof(BundledMnist).Assembly.GetName().Name}.");
    }
}
