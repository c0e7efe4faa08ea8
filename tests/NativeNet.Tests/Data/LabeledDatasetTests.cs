using NativeNet.Data;

namespace NativeNet.Tests.Data;

public class LabeledDatasetTests
{
    private const int Classes = 7;
    private const int Features = 5;

    /// <summary>Sample i has features i*100 + j and label i % 7, so any sample identifies its original index.</summary>
    private static LabeledDataset<float> Numbered(int count, bool oneHot = false)
    {
        var features = new float[count * Features];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % Classes;
            for (int j = 0; j < Features; j++)
            {
                features[(i * Features) + j] = (i * 100) + j;
            }
        }

        return new LabeledDataset<float>(features, labels, Features, Classes, oneHot);
    }

    /// <summary>The original index of each sample, after checking its features and label still belong together.</summary>
    private static int[] OriginalIndices(LabeledDataset<float> data)
    {
        var original = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> sample = data.Sample(i);
            int index = (int)sample[0] / 100;
            for (int j = 0; j < Features; j++)
            {
                Assert.Equal((index * 100) + j, sample[j]);
            }

            Assert.Equal(index % Classes, data.Labels[i]);
            if (data.OneHotTargets is { } oneHot)
            {
                for (int c = 0; c < Classes; c++)
                {
                    Assert.Equal(c == data.Labels[i] ? 1f : 0f, oneHot[(i * Classes) + c]);
                }
            }

            original[i] = index;
        }

        return original;
    }

    [Fact]
    public void Shuffle_keeps_features_and_labels_together_and_permutes_all_samples()
    {
        LabeledDataset<float> data = Numbered(200, oneHot: true);
        LabeledDataset<float> shuffled = data.Shuffle(seed: 1);
        int[] order = OriginalIndices(shuffled);
        Assert.Equal(Enumerable.Range(0, 200), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 200), order);
        Assert.Equal(order, OriginalIndices(data.Shuffle(seed: 1)));
        Assert.NotEqual(order, OriginalIndices(data.Shuffle(seed: 2)));
        Assert.Equal(Enumerable.Range(0, 200), OriginalIndices(data)); // source unchanged
        Assert.Equal(data.CountPerClass(), shuffled.CountPerClass());
    }

    [Theory]
    [InlineData(103, 0.2, 20)]
    [InlineData(10_000, 0.2, 2000)]
    [InlineData(10, 0.0, 0)]
    [InlineData(10, 1.0, 10)]
    [InlineData(7, 0.5, 3)]
    public void Split_holds_out_floor_of_the_fraction_disjointly(int count, double fraction, int expectedValidation)
    {
        LabeledDataset<float> data = Numbered(count, oneHot: true);
        var (train, validation) = data.Split(fraction, seed: 3);
        Assert.Equal(expectedValidation, validation.Count);
        Assert.Equal(count - expectedValidation, train.Count);
        int[] trainIndices = OriginalIndices(train);
        int[] validationIndices = OriginalIndices(validation);
        Assert.Empty(trainIndices.Intersect(validationIndices));
        Assert.Equal(Enumerable.Range(0, count), trainIndices.Concat(validationIndices).Order());

        // As the reference: the validation set is the head of the shuffled data, the training set its tail.
        int[] shuffled = OriginalIndices(data.Shuffle(seed: 3));
        Assert.Equal(shuffled[..expectedValidation], validationIndices);
        Assert.Equal(shuffled[expectedValidation..], trainIndices);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Split_rejects_fractions_outside_zero_to_one(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Split(fraction, seed: 0));
    }

    [Fact]
    public void Take_keeps_the_first_samples_and_subset_follows_the_indices()
    {
        LabeledDataset<float> data = Numbered(30);
        Assert.Equal(Enumerable.Range(0, 12), OriginalIndices(data.Take(12)));
        Assert.Equal(0, data.Take(0).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Take(31));
        Assert.Equal([4, 4, 29, 0], OriginalIndices(data.Subset([4, 4, 29, 0])));
    }

    [Fact]
    public void GatherBatch_copies_the_indexed_samples_like_a_plain_loop()
    {
        LabeledDataset<float> data = Numbered(50);
        int[] indices = [49, 3, 3, 17, 0];
        var features = new float[indices.Length * Features + 4];
        features.AsSpan().Fill(-1f);
        var labels = new int[indices.Length];
        data.GatherBatch(indices, features, labels);
        for (int b = 0; b < indices.Length; b++)
        {
            Assert.Equal(indices[b] % Classes, labels[b]);
            for (int j = 0; j < Features; j++)
            {
                Assert.Equal(data.Features[(indices[b] * Features) + j], features[(b * Features) + j]);
            }
        }

        Assert.All(features[^4..], v => Assert.Equal(-1f, v)); // a larger buffer keeps its tail

        var oneHot = new float[indices.Length * Classes];
        oneHot.AsSpan().Fill(5f);
        data.GatherBatchOneHot(indices, features, oneHot);
        for (int b = 0; b < indices.Length; b++)
        {
            for (int c = 0; c < Classes; c++)
            {
                Assert.Equal(c == indices[b] % Classes ? 1f : 0f, oneHot[(b * Classes) + c]);
            }
        }
    }

    [Fact]
    public void GatherBatch_allocates_nothing()
    {
        LabeledDataset<float> data = Numbered(1000);
        var sampler = new BatchSampler(data.Count, 100, SamplingMode.WithReplacement, seed: 4);
        var indices = new int[100];
        var features = new float[100 * Features];
        var labels = new int[100];
        var oneHot = new float[100 * Classes];
        sampler.NextBatch(indices);
        data.GatherBatch(indices, features, labels);
        data.GatherBatchOneHot(indices, features, oneHot);

        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                sampler.NextBatch(indices);
                data.GatherBatch(indices, features, labels);
                data.GatherBatchOneHot(indices, features, oneHot);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void GatherBatch_rejects_bad_indices_and_short_buffers_before_writing()
    {
        LabeledDataset<float> data = Numbered(10);
        var features = new float[2 * Features];
        var labels = new int[2];
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GatherBatch([1, 10], features, labels));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.GatherBatch([-1, 0], features, labels));
        Assert.All(features, v => Assert.Equal(0f, v));
        Assert.Throws<ShapeMismatchException>(() => data.GatherBatch([1, 2], new float[(2 * Features) - 1], labels));
        Assert.Throws<ShapeMismatchException>(() => data.GatherBatch([1, 2], features, new int[1]));
        Assert.Throws<ShapeMismatchException>(() => data.GatherBatchOneHot([1, 2], features, new float[(2 * Classes) - 1]));
    }

    [Fact]
    public void Constructor_checks_lengths_labels_and_shape()
    {
        Assert.Throws<ShapeMismatchException>(() => new LabeledDataset<float>(new float[9], new int[2], 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledDataset<float>(new float[10], [0, 3], 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledDataset<float>(new float[10], [0, -1], 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledDataset<float>(new float[10], [0, 1], 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabeledDataset<float>(new float[10], [0, 1], [1, 0, 5], 3));
        var images = new LabeledDataset<double>(new double[2 * 12], [0, 1], [1, 3, 4], 2);
        Assert.Equal(12, images.FeatureCount);
        Assert.Equal([1, 3, 4], images.SampleShape.ToArray());
        Assert.Equal([1, 3, 4], images.Shuffle(0).SampleShape.ToArray());
    }

    [Fact]
    public void OneHotLabels_builds_an_identity_row_per_label()
    {
        var data = new LabeledDataset<double>(new double[3], [2, 0, 1], 1, 3);
        Assert.Null(data.OneHotTargets);
        Assert.Equal([0, 0, 1, 1, 0, 0, 0, 1, 0], data.OneHotLabels());
    }
}
