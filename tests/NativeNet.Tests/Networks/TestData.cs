using NativeNet.Data;
using NativeNet.Randomness;

namespace NativeNet.Tests.Networks;

/// <summary>Small synthetic classification data for network tests.</summary>
internal static class TestData
{
    /// <summary>Gaussian blobs around random class centres: learnable, deterministic.</summary>
    public static LabeledDataset<T> Blobs<T>(int count, int features, int classes, ulong seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        double[] centres = new double[classes * features];
        random.FillGaussian<double>(centres, 1.0);
        var x = new T[count * features];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int c = random.NextInt(classes);
            labels[i] = c;
            for (int j = 0; j < features; j++)
            {
                x[(i * features) + j] = T.CreateTruncating(centres[(c * features) + j] + (0.3 * random.NextGaussian()));
            }
        }

        return new LabeledDataset<T>(x, labels, features, classes);
    }
}
