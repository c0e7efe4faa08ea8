using NativeNet.Cli.Experiments;
using NativeNet.Data;

namespace NativeNet.Cli.Commands;

/// <summary>Where the MNIST data come from: a folder given with <c>--data</c>, or the bundled 10 000 + 10 000 sample.</summary>
internal static class DataOptions
{
    public const string Description = "Folder with the four MNIST (or Fashion-MNIST) IDX files, raw or .gz; default: the bundled 10 000-image sample.";

    public static MnistDataset<float> Load(string? directory)
    {
        if (directory is null)
            return BundledData.Get();
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Data folder '{directory}' does not exist.");
        return MnistLoader.Load(directory);
    }

    /// <summary>The test set alone: from a folder, only the two test files are opened (eval needs no training files).</summary>
    public static LabeledDataset<float> LoadTest(string? directory)
    {
        if (directory is null)
            return BundledData.Get().Test;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Data folder '{directory}' does not exist.");
        return MnistLoader.LoadSet<float>(MnistLoader.FindFile(directory, MnistFileNames.TestImages), MnistLoader.FindFile(directory, MnistFileNames.TestLabels));
    }

    public static string Describe(string? directory) => directory ?? "bundled MNIST sample";
}
