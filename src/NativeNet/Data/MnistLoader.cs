using System.Numerics;
using System.Numerics.Tensors;

namespace NativeNet.Data;

/// <summary>
/// Loads MNIST-style datasets (MNIST, Fashion-MNIST, the bundled sample): the four standard IDX files
/// (<see cref="MnistFileNames"/>), each raw or gzip-compressed, with any number of images of any size.
/// </summary>
/// <remarks>
/// Checks beyond <see cref="IdxReader"/>'s: images have 3 dimensions (count x rows x columns), labels 1;
/// each image file has as many images as its label file has labels; every label is below
/// <see cref="MnistOptions.ClassCount"/>; training and test images have the same size. Violations raise
/// <see cref="InvalidFileFormatException"/> naming the file(s).
/// </remarks>
public static class MnistLoader
{
    private const int ImageRank = 3;
    private const int LabelRank = 1;

    /// <summary>Loads the four standard files from a folder as <see cref="float"/> features.</summary>
    /// <param name="directory">Folder holding the files, each named as in <see cref="MnistFileNames"/> with or without <c>.gz</c>.</param>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <exception cref="FileNotFoundException">A file is missing under both names.</exception>
    /// <exception cref="InvalidFileFormatException">A file is malformed or the files do not agree.</exception>
    public static MnistDataset<float> Load(string directory, MnistOptions? options = null) => Load<float>(directory, options);

    /// <summary>Loads the four standard files from a folder with features of type <typeparamref name="T"/>.</summary>
    /// <param name="directory">Folder holding the files, each named as in <see cref="MnistFileNames"/> with or without <c>.gz</c>.</param>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <exception cref="FileNotFoundException">A file is missing under both names.</exception>
    /// <exception cref="InvalidFileFormatException">A file is malformed or the files do not agree.</exception>
    public static MnistDataset<T> Load<T>(string directory, MnistOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"MNIST folder not found: {directory}");
        }

        string trainImagesPath = FindFile(directory, MnistFileNames.TrainImages);
        string trainLabelsPath = FindFile(directory, MnistFileNames.TrainLabels);
        string testImagesPath = FindFile(directory, MnistFileNames.TestImages);
        string testLabelsPath = FindFile(directory, MnistFileNames.TestLabels);
        using FileStream trainImages = OpenRead(trainImagesPath);
        using FileStream trainLabels = OpenRead(trainLabelsPath);
        using FileStream testImages = OpenRead(testImagesPath);
        using FileStream testLabels = OpenRead(testLabelsPath);
        return Load<T>(trainImages, trainLabels, testImages, testLabels, options);
    }

    /// <summary>Loads a dataset from four streams (raw or gzip IDX each) as <see cref="float"/> features.</summary>
    /// <param name="trainImages">Training images; read to the end, not disposed.</param>
    /// <param name="trainLabels">Training labels; read to the end, not disposed.</param>
    /// <param name="testImages">Test images; read to the end, not disposed.</param>
    /// <param name="testLabels">Test labels; read to the end, not disposed.</param>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <exception cref="InvalidFileFormatException">A stream is malformed or the streams do not agree.</exception>
    public static MnistDataset<float> Load(Stream trainImages, Stream trainLabels, Stream testImages, Stream testLabels, MnistOptions? options = null)
        => Load<float>(trainImages, trainLabels, testImages, testLabels, options);

    /// <summary>
    /// Loads a dataset from four streams (raw or gzip IDX each) with features of type <typeparamref name="T"/>.
    /// Error messages name a <see cref="FileStream"/> by its path and any other stream by its standard file name.
    /// </summary>
    /// <param name="trainImages">Training images; read to the end, not disposed.</param>
    /// <param name="trainLabels">Training labels; read to the end, not disposed.</param>
    /// <param name="testImages">Test images; read to the end, not disposed.</param>
    /// <param name="testLabels">Test labels; read to the end, not disposed.</param>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <exception cref="InvalidFileFormatException">A stream is malformed or the streams do not agree.</exception>
    public static MnistDataset<T> Load<T>(Stream trainImages, Stream trainLabels, Stream testImages, Stream testLabels, MnistOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= MnistOptions.Default;
        options.Validate();
        string trainImagesName = NameOf(trainImages, MnistFileNames.TrainImages);
        string testImagesName = NameOf(testImages, MnistFileNames.TestImages);
        var (train, trainRows, trainColumns) = LoadSetCore<T>(trainImages, trainImagesName, trainLabels, NameOf(trainLabels, MnistFileNames.TrainLabels), options);
        var (test, testRows, testColumns) = LoadSetCore<T>(testImages, testImagesName, testLabels, NameOf(testLabels, MnistFileNames.TestLabels), options);
        if (trainRows != testRows || trainColumns != testColumns)
        {
            throw new InvalidFileFormatException(
                $"{trainImagesName} holds {trainRows}x{trainColumns} images but {testImagesName} holds {testRows}x{testColumns} images; training and test images must have the same size.");
        }

        return new MnistDataset<T>(train, test, trainRows, trainColumns);
    }

    /// <summary>Loads one set (images and labels) from two files, each raw or gzip IDX.</summary>
    /// <param name="imagesPath">The image file (magic 2051).</param>
    /// <param name="labelsPath">The label file (magic 2049).</param>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <exception cref="InvalidFileFormatException">A file is malformed or the files do not agree.</exception>
    public static LabeledDataset<T> LoadSet<T>(string imagesPath, string labelsPath, MnistOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        using FileStream images = OpenRead(imagesPath);
        using FileStream labels = OpenRead(labelsPath);
        return LoadSet<T>(images, labels, options, imagesPath, labelsPath);
    }

    /// <summary>Loads one set (images and labels) from two streams, each raw or gzip IDX.</summary>
    /// <param name="images">Image stream (magic 2051); read to the end, not disposed.</param>
    /// <param name="labels">Label stream (magic 2049); read to the end, not disposed.</param>
    /// <param name="options">Conversion options; null means <see cref="MnistOptions.Default"/>.</param>
    /// <param name="imagesName">How error messages name the image stream.</param>
    /// <param name="labelsName">How error messages name the label stream.</param>
    /// <exception cref="InvalidFileFormatException">A stream is malformed or the streams do not agree.</exception>
    public static LabeledDataset<T> LoadSet<T>(Stream images, Stream labels, MnistOptions? options = null, string imagesName = "images", string labelsName = "labels")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= MnistOptions.Default;
        options.Validate();
        return LoadSetCore<T>(images, imagesName, labels, labelsName, options).Set;
    }

    /// <summary>
    /// The path of a standard file in a folder: <c>name</c> if it exists, else <c>name.gz</c>.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="fileName">A name from <see cref="MnistFileNames"/>, without <c>.gz</c>.</param>
    /// <exception cref="FileNotFoundException">Neither file exists.</exception>
    public static string FindFile(string directory, string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        string raw = Path.Combine(directory, fileName);
        if (File.Exists(raw))
        {
            return raw;
        }

        string gzip = raw + MnistFileNames.GzipSuffix;
        if (File.Exists(gzip))
        {
            return gzip;
        }

        throw new FileNotFoundException($"MNIST file not found: neither {raw} nor {gzip} exists.", raw);
    }

    private static (LabeledDataset<T> Set, int Rows, int Columns) LoadSetCore<T>(Stream images, string imagesName, Stream labels, string labelsName, MnistOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(imagesName);
        ArgumentNullException.ThrowIfNull(labelsName);

        // Labels first: they are small, so a mismatched pair fails before the large image payload is read.
        IdxArray labelArray = IdxReader.Read(labels, labelsName, LabelRank, options.MaxPayloadBytes);
        IdxArray imageArray = IdxReader.Read(images, imagesName, ImageRank, options.MaxPayloadBytes);
        if (imageArray.Count != labelArray.Count)
        {
            throw new InvalidFileFormatException(
                $"{imagesName} holds {imageArray.Count} images but {labelsName} holds {labelArray.Count} labels; the counts must match.");
        }

        int[] classIndices = ToClassIndices(labelArray.Data, options.ClassCount, labelsName);
        int rows = imageArray.Dimensions[1];
        int columns = imageArray.Dimensions[2];
        T[] features = ToFeatures<T>(imageArray.Data, options.Normalize);
        int[] sampleShape = options.Flatten ? [rows * columns] : [1, rows, columns];
        var set = new LabeledDataset<T>(features, classIndices, sampleShape, options.ClassCount, options.OneHot);
        return (set, rows, columns);
    }

    private static int[] ToClassIndices(byte[] labels, int classCount, string labelsName)
    {
        var classIndices = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new InvalidFileFormatException($"{labelsName}: label {i} is {labels[i]}, not below the class count {classCount}.");
            }

            classIndices[i] = labels[i];
        }

        return classIndices;
    }

    /// <summary>Converts pixels exactly to <typeparamref name="T"/>, then divides by 255 when normalising (as the reference).</summary>
    private static T[] ToFeatures<T>(byte[] pixels, bool normalize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var features = new T[pixels.Length];
        TensorPrimitives.ConvertTruncating<byte, T>(pixels, features);
        if (normalize)
        {
            TensorPrimitives.Divide(features, T.CreateTruncating(byte.MaxValue), features);
        }

        return features;
    }

    private static FileStream OpenRead(string path)
    {
        if (!File.Exists(path))
        {
            // A missing folder is reported like a missing file, not as DirectoryNotFoundException.
            throw new FileNotFoundException($"MNIST file not found: {path}", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    }

    private static string NameOf(Stream stream, string fallback)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream is FileStream file ? file.Name : fallback;
    }
}
