namespace NativeNet.Datasets;

/// <summary>Placeholder so the project builds; the embedded MNIST sample lands with the data work.</summary>
public static class BundledMnistInfo
{
    /// <summary>Number of training images in the bundled sample.</summary>
    public const int TrainCount = 10_000;
}
