using NativeNet.Data;

namespace NativeNet.Cli.Experiments;

/// <summary>How an experiment runs: full (the documented numbers) or quick (shorter, the same finding).</summary>
internal sealed record ExperimentSettings
{
    /// <summary>Shorter runs (fewer iterations, epochs or samples) that still show the finding.</summary>
    public bool Quick { get; init; }

    /// <summary>The seed of data subsets, weight initialisation and batch sampling.</summary>
    public int Seed { get; init; }

    /// <summary>Receives progress reports; null for none.</summary>
    public IProgress<ExperimentProgress>? Progress { get; init; }

    /// <summary>The MNIST data the network experiments train on (the bundled sample by default).</summary>
    public Func<MnistDataset<float>> Data { get; init; } = BundledData.Get;

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> units of work of the named stage.</summary>
    public void Report(string stage, double done, double total) =>
        Progress?.Report(new ExperimentProgress(stage, total > 0 ? Math.Clamp(done / total, 0, 1) : 1));
}

/// <summary>A progress report: the stage running and the fraction of the whole experiment done.</summary>
internal readonly record struct ExperimentProgress(string Stage, double Fraction);

/// <summary>The bundled MNIST sample, decompressed once per process.</summary>
internal static class BundledData
{
    private static readonly Lazy<MnistDataset<float>> _data = new(() => NativeNet.Datasets.BundledMnist.Load());

    public static MnistDataset<float> Get() => _data.Value;
}
