using NativeNet.Data;

namespace NativeNet.Tests.Data;

public class MnistLoaderTests
{
    // A tiny MNIST-like set: 4 training and 3 test images of 2 x 3 pixels.
    private static byte Pixel(int n, int r, int c) => (byte)((n * 60) + (r * 30) + (c * 7));

    private static readonly byte[] _trainImages = IdxTestFiles.Images(4, 2, 3, Pixel);
    private static readonly byte[] _trainLabels = IdxTestFiles.Labels(5, 0, 4, 9);
    private static readonly byte[] _testImages = IdxTestFiles.Images(3, 2, 3, (n, r, c) => Pixel(n + 1, r, c));
    private static readonly byte[] _testLabels = IdxTestFiles.Labels(7, 2, 1);

    private static MnistDataset<T> LoadTiny<T>(MnistOptions? options = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        return MnistLoader.Load<T>(new MemoryStream(_trainImages), new MemoryStream(_trainLabels), new MemoryStream(_testImages), new MemoryStream(_testLabels), options);
    }

    [Fact]
    public void Defaults_normalise_flatten_and_keep_class_indices()
    {
        MnistDataset<float> data = LoadTiny<float>();
        Assert.Equal((2, 3), (data.ImageRows, data.ImageColumns));
        Assert.Equal(4, data.Train.Count);
        Assert.Equal(3, data.Test.Count);
        Assert.Equal(6, data.Train.FeatureCount);
        Assert.Equal([6], data.Train.SampleShape.ToArray());
        Assert.Equal(10, data.Train.ClassCount);
        Assert.Equal([5, 0, 4, 9], data.Train.Labels);
        Assert.Equal([7, 2, 1], data.Test.Labels);
        Assert.Null(data.Train.OneHotTargets);
        for (int i = 0; i < _trainImages.Length - 16; i++)
        {
            Assert.Equal(_trainImages[16 + i] / 255f, data.Train.Features[i]);
        }
    }

    [Fact]
    public void Raw_values_unflattened_shape_and_one_hot_targets_on_request()
    {
        MnistDataset<double> data = LoadTiny<double>(new MnistOptions { Normalize = false, Flatten = false, OneHot = true });
        Assert.Equal([1, 2, 3], data.Train.SampleShape.ToArray());
        Assert.Equal(6, data.Train.FeatureCount);
        Assert.Equal(_trainImages.AsSpan(16).ToArray().Select(b => (double)b), data.Train.Features);
        double[] oneHot = data.Test.OneHotTargets!;
        Assert.Equal(3 * 10, oneHot.Length);
        Assert.Equal(1.0, oneHot[7]);
        Assert.Equal(1.0, oneHot[10 + 2]);
        Assert.Equal(1.0, oneHot[20 + 1]);
        Assert.Equal(3.0, oneHot.Sum());
    }

    [Fact]
    public void Normalised_double_features_are_value_over_255()
    {
        MnistDataset<double> data = LoadTiny<double>();
        Assert.Equal(_testImages.AsSpan(16).ToArray().Select(b => b / 255.0), data.Test.Features);
    }

    [Fact]
    public void Images_and_labels_with_different_counts_are_rejected()
    {
        var e = Assert.Throws<InvalidFileFormatException>(() => MnistLoader.LoadSet<float>(
            new MemoryStream(_trainImages), new MemoryStream(IdxTestFiles.Labels(1, 2, 3)), imagesName: "imgs", labelsName: "lbls"));
        Assert.Equal("imgs holds 4 images but lbls holds 3 labels; the counts must match.", e.Message);
    }

    [Fact]
    public void Labels_outside_the_class_count_are_rejected()
    {
        var e = Assert.Throws<InvalidFileFormatException>(() => MnistLoader.LoadSet<float>(
            new MemoryStream(_trainImages), new MemoryStream(IdxTestFiles.Labels(1, 2, 10, 3)), labelsName: "lbls"));
        Assert.Equal("lbls: label 2 is 10, not below the class count 10.", e.Message);

        LabeledDataset<float> threeClasses = MnistLoader.LoadSet<float>(
            new MemoryStream(_trainImages), new MemoryStream(IdxTestFiles.Labels(0, 1, 2, 2)), new MnistOptions { ClassCount = 3 });
        Assert.Equal(3, threeClasses.ClassCount);
        Assert.Throws<InvalidFileFormatException>(() => MnistLoader.LoadSet<float>(
            new MemoryStream(_trainImages), new MemoryStream(IdxTestFiles.Labels(0, 1, 3, 2)), new MnistOptions { ClassCount = 3 }));
    }

    [Fact]
    public void Images_and_labels_swapped_are_rejected_by_rank()
    {
        var e = Assert.Throws<InvalidFileFormatException>(() => MnistLoader.LoadSet<float>(
            new MemoryStream(_trainLabels), new MemoryStream(_trainImages), imagesName: "imgs", labelsName: "lbls"));
        Assert.StartsWith("lbls: expected 1 dimension(s)", e.Message);
    }

    [Fact]
    public void Training_and_test_images_of_different_sizes_are_rejected()
    {
        byte[] bigTest = IdxTestFiles.Images(3, 3, 3, Pixel);
        var e = Assert.Throws<InvalidFileFormatException>(() => MnistLoader.Load(
            new MemoryStream(_trainImages), new MemoryStream(_trainLabels), new MemoryStream(bigTest), new MemoryStream(_testLabels)));
        Assert.Contains("2x3 images but t10k-images-idx3-ubyte holds 3x3 images", e.Message);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadTiny<float>(new MnistOptions { ClassCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadTiny<float>(new MnistOptions { ClassCount = 257 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadTiny<float>(new MnistOptions { MaxPayloadBytes = 0 }));
        var e = Assert.Throws<InvalidFileFormatException>(() => LoadTiny<float>(new MnistOptions { MaxPayloadBytes = 20 }));
        Assert.Contains("more than the limit of 20 bytes", e.Message);
    }

    [Fact]
    public void Loads_a_folder_with_any_mix_of_raw_and_gzip_files()
    {
        string folder = Directory.CreateTempSubdirectory("nativenet-mnist-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TrainImages + ".gz"), IdxTestFiles.Gzip(_trainImages));
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TrainLabels), _trainLabels);
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TestImages), _testImages);
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TestLabels + ".gz"), IdxTestFiles.Gzip(_testLabels));

            MnistDataset<float> fromFolder = MnistLoader.Load(folder);
            MnistDataset<float> fromStreams = LoadTiny<float>();
            Assert.Equal(fromStreams.Train.Features, fromFolder.Train.Features);
            Assert.Equal(fromStreams.Test.Labels, fromFolder.Test.Labels);

            LabeledDataset<float> test = MnistLoader.LoadSet<float>(
                MnistLoader.FindFile(folder, MnistFileNames.TestImages), MnistLoader.FindFile(folder, MnistFileNames.TestLabels));
            Assert.Equal(fromStreams.Test.Features, test.Features);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Missing_files_and_folders_are_reported_by_name()
    {
        string folder = Directory.CreateTempSubdirectory("nativenet-mnist-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TrainImages), _trainImages);
            var e = Assert.Throws<FileNotFoundException>(() => MnistLoader.Load(folder));
            Assert.Contains(MnistFileNames.TrainLabels + ".gz", e.Message);
            Assert.Throws<DirectoryNotFoundException>(() => MnistLoader.Load(Path.Combine(folder, "absent")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_corrupt_file_in_a_folder_is_named_by_its_path()
    {
        string folder = Directory.CreateTempSubdirectory("nativenet-mnist-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TrainImages), _trainImages);
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TrainLabels), _trainLabels);
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TestImages), _testImages.AsSpan(0, 30).ToArray());
            File.WriteAllBytes(Path.Combine(folder, MnistFileNames.TestLabels), _testLabels);
            var e = Assert.Throws<InvalidFileFormatException>(() => MnistLoader.Load(folder));
            Assert.Equal($"{Path.Combine(folder, MnistFileNames.TestImages)}: truncated: header declares 3x2x3 = 18 bytes, found 14", e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
