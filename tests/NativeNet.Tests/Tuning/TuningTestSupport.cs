using NativeNet.Data;
using NativeNet.Randomness;
using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

/// <summary>Small, fast problems for search tests: Gaussian clusters and a tiny network.</summary>
internal static class TuningTestSupport
{
    /// <summary>
    /// <paramref name="count"/> samples of <paramref name="classes"/> Gaussian clusters in <paramref name="features"/>
    /// dimensions; the clusters overlap, so accuracy depends on the hyperparameters.
    /// </summary>
    public static LabeledDataset<float> Clusters(int count = 240, int features = 12, int classes = 3, double noise = 1.6, ulong seed = 7)
    {
        var random = new SeededRandom(seed);
        var centers = new double[classes * features];
        for (int i = 0; i < centers.Length; i++)
        {
            centers[i] = random.NextGaussian();
        }

        var x = new float[count * features];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = n % classes;
            for (int j = 0; j < features; j++)
            {
                x[(n * features) + j] = (float)(centers[(labels[n] * features) + j] + (noise * random.NextGaussian()));
            }
        }

        return new LabeledDataset<float>(x, labels, features, classes);
    }

    /// <summary>A quick search on <see cref="Clusters"/>: 6 trials of a 12-16-3 network, 6 epochs, lr and decay searched.</summary>
    public static SearchSpec SmallSpec(int trials = 6) => SearchSpec.Parse($"""
        seed = 3
        trials = {trials}
        train_samples = 200
        validation_fraction = 0.25
        lr = loguniform(1e-3, 1)
        weight_decay = loguniform(1e-8, 1e-2)
        hidden_size = 16
        depth = 1
        batch_size = 25
        epochs = 6
        """);

    public static string NewDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "nativenet-tune-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static void AssertSameReport(TuningReport expected, TuningReport actual)
    {
        Assert.Equal(expected.Spec, actual.Spec);
        Assert.Equal(expected.Trials, actual.Trials);
        Assert.Equal(expected.Ranked.Select(t => t.Index), actual.Ranked.Select(t => t.Index));
        Assert.Equal(expected.TotalEpochs, actual.TotalEpochs);
    }
}
