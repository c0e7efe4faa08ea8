using NativeNet.Data;

namespace NativeNet.Benchmarks.Workloads;

/// <summary>Seeded MNIST-shaped data for benchmarks that need no real images: 784 features in [0, 1), labels 0-9.</summary>
public static class SyntheticData
{
    /// <summary><paramref name="count"/> samples drawn from <paramref name="seed"/>.</summary>
    public static LabeledDataset<float> Create(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 784];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(10);
        }

        return new LabeledDataset<float>(features, labels, 784, 10);
    }

    /// <summary>A dense (rows, 784) matrix of values in [0, 1).</summary>
    public static float[] Matrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return values;
    }
}
