using NativeNet.Data;
using NativeNet.Datasets;

namespace NativeNet.Benchmarks.Workloads;

/// <summary>
/// The 60 000 training images of the epoch benchmark: Fashion-MNIST from Debian's dataset-fashion-mnist
/// (<c>/usr/share/datasets/fashion-mnist</c>, or <c>NATIVENET_FASHION_MNIST</c>) when installed, else the bundled
/// 10 000 MNIST images repeated six times — same shapes and cost, clearly labelled in <see cref="Source"/>.
/// </summary>
public static class EpochData
{
    /// <summary>Where the Debian package puts the IDX files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    private static LabeledDataset<float>? _data;

    /// <summary>Which data <see cref="Load"/> returned: "Fashion-MNIST" or the fallback's description.</summary>
    public static string Source { get; private set; } = "";

    /// <summary>The 60 000 training samples (cached per process).</summary>
    public static LabeledDataset<float> Load()
    {
        if (_data is not null)
        {
            return _data;
        }

        string directory = Environment.GetEnvironmentVariable("NATIVENET_FASHION_MNIST") ?? DefaultDirectory;
        if (Directory.Exists(directory))
        {
            try
            {
                _data = MnistLoader.Load(directory).Train;
                Source = "Fashion-MNIST " + directory;
                return _data;
            }
            catch (IOException e)
            {
                Source = $"(Fashion-MNIST at {directory} unreadable: {e.Message}) ";
            }
        }

        var bundled = BundledMnist.Load().Train;
        var indices = new int[6 * bundled.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = i % bundled.Count;
        }

        _data = bundled.Subset(indices);
        Source += "FALLBACK: bundled MNIST 10 000 x 6 (Fashion-MNIST not installed)";
        return _data;
    }
}
