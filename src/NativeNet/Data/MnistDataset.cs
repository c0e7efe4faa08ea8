using System.Numerics;

namespace NativeNet.Data;

/// <summary>An MNIST-style dataset: a training set and a test set of images of one size.</summary>
/// <typeparam name="T">Feature type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class MnistDataset<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Groups the two sets with their image size.</summary>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set (never for choosing hyperparameters: split the training set instead).</param>
    /// <param name="imageRows">Image height in pixels (28 for MNIST).</param>
    /// <param name="imageColumns">Image width in pixels (28 for MNIST).</param>
    public MnistDataset(LabeledDataset<T> train, LabeledDataset<T> test, int imageRows, int imageColumns)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageColumns);
        Train = train;
        Test = test;
        ImageRows = imageRows;
        ImageColumns = imageColumns;
    }

    /// <summary>The training set.</summary>
    public LabeledDataset<T> Train { get; }

    /// <summary>The test set.</summary>
    public LabeledDataset<T> Test { get; }

    /// <summary>Image height in pixels, as read from the files.</summary>
    public int ImageRows { get; }

    /// <summary>Image width in pixels, as read from the files.</summary>
    public int ImageColumns { get; }
}
