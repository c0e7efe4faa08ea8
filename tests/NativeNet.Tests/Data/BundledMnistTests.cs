using System.Security.Cryptography;
using NativeNet.Data;
using NativeNet.Datasets;

namespace NativeNet.Tests.Data;

public class BundledMnistTests
{
    private static readonly Lazy<MnistDataset<float>> _normalised = new(() => BundledMnist.Load());

    [Fact]
    public void Loads_ten_thousand_training_and_test_images_of_28_by_28()
    {
        MnistDataset<float> data = _normalised.Value;
        Assert.Equal(BundledMnist.TrainCount, data.Train.Count);
        Assert.Equal(BundledMnist.TestCount, data.Test.Count);
        Assert.Equal((28, 28), (data.ImageRows, data.ImageColumns));
        Assert.Equal(784, data.Train.FeatureCount);
        Assert.Equal(10_000 * 784, data.Train.Features.Length);
    }

    [Fact]
    public void Class_counts_match_the_data_readme()
    {
        MnistDataset<float> data = _normalised.Value;
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], data.Train.CountPerClass());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], data.Test.CountPerClass());
        // The well-known first labels of the MNIST training and test sets.
        Assert.Equal([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], data.Train.Labels.AsSpan(0, 10).ToArray());
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], data.Test.Labels.AsSpan(0, 10).ToArray());
    }

    [Fact]
    public void Normalised_pixels_span_zero_to_one_and_raw_pixels_zero_to_255()
    {
        float[] normalised = _normalised.Value.Test.Features;
        Assert.Equal(0f, normalised.Min());
        Assert.Equal(1f, normalised.Max());

        MnistDataset<double> raw = BundledMnist.Load<double>(new MnistOptions { Normalize = false, Flatten = false });
        Assert.Equal([1, 28, 28], raw.Train.SampleShape.ToArray());
        Assert.Equal(0.0, raw.Train.Features.Min());
        Assert.Equal(255.0, raw.Train.Features.Max());
        Assert.All(raw.Test.Features.AsSpan(0, 784 * 20).ToArray(), v => Assert.Equal(Math.Round(v), v));
        for (int i = 0; i < normalised.Length; i += 997)
        {
            Assert.Equal((float)(raw.Test.Features[i] / 255.0), normalised[i], 1e-7f);
        }
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte.gz", "2889698e6bc3614913e76901316712919d1998fc2b44512451bfe65bc1e668b1")]
    [InlineData("train-labels-idx1-ubyte.gz", "651e38e2ac0632f5113ec18f1df4977117f953197819034009971a6675a0df78")]
    [InlineData("t10k-images-idx3-ubyte.gz", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7")]
    [InlineData("t10k-labels-idx1-ubyte.gz", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")]
    public void Embedded_files_decompress_to_the_published_hashes(string fileName, string sha256)
    {
        using Stream stream = BundledMnist.Open(fileName);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(IdxTestFiles.Gunzip(stream))));
    }

    [Fact]
    public void Raw_and_gzip_copies_load_identically()
    {
        string folder = Directory.CreateTempSubdirectory("nativenet-bundled-").FullName;
        try
        {
            foreach (string fileName in BundledMnist.FileNames)
            {
                using Stream stream = BundledMnist.Open(fileName);
                File.WriteAllBytes(Path.Combine(folder, Path.GetFileNameWithoutExtension(fileName)), IdxTestFiles.Gunzip(stream));
            }

            MnistDataset<float> fromRaw = MnistLoader.Load(folder);
            Assert.Equal(_normalised.Value.Train.Features, fromRaw.Train.Features);
            Assert.Equal(_normalised.Value.Train.Labels, fromRaw.Train.Labels);
            Assert.Equal(_normalised.Value.Test.Features, fromRaw.Test.Features);
            Assert.Equal(_normalised.Value.Test.Labels, fromRaw.Test.Labels);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Unknown_file_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => BundledMnist.Open("train-images-idx3-ubyte"));
    }
}
