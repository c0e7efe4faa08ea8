using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

/// <summary>
/// Networks and sessions check their inputs themselves, with a message in the network's terms, before any layer
/// sees them; and a snapshot holds values and state only.
/// </summary>
public class NetworkInputTests
{
    private static readonly NetworkOptions _options = new() { InputSize = 6, HiddenSizes = [5], OutputSize = 3, Seed = 2 };

    [Fact]
    public void A_wrong_input_width_is_reported_in_the_networks_terms_by_every_entry_point()
    {
        var net = new Network<float>(_options, batchCapacity: 4);
        var session = net.CreateSession(batchCapacity: 4);
        float[] x = new float[2 * 5];
        float[] scores = new float[2 * 3];
        int[] labels = [0, 1];
        const string Expected = "The network takes 6 features per sample";

        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => net.Predict(X(x, 5), new TensorView<float>(scores, new Shape(2, 3)))).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => net.Loss(X(x, 5), LabelBatch<float>.FromIndices(labels))).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => net.Gradient(X(x, 5), LabelBatch<float>.FromIndices(labels))).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => net.Accuracy(X(x, 5), LabelBatch<float>.FromIndices(labels))).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => net.NumericalGradient(X(x, 5), LabelBatch<float>.FromIndices(labels))).Message);
        var dropout = new Network<float>(_options with { DropoutRatio = 0.5 }, batchCapacity: 4);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => dropout.NumericalGradient(X(x, 5), LabelBatch<float>.FromIndices(labels))).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => session.Predict(X(x, 5), new TensorView<float>(scores, new Shape(2, 3)))).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => session.PredictLabels(X(x, 5), new int[2])).Message);
        Assert.StartsWith(Expected, Assert.Throws<ShapeMismatchException>(() => session.Accuracy(X(x, 5), LabelBatch<float>.FromIndices(labels))).Message);
    }

    [Fact]
    public void Scores_must_match_in_rows_and_in_width()
    {
        var net = new Network<float>(_options, batchCapacity: 4);
        var session = net.CreateSession(batchCapacity: 4);
        float[] x = new float[2 * 6];
        foreach (var (rows, width) in new[] { (2, 2), (2, 4), (1, 3), (3, 3) })
        {
            float[] scores = new float[rows * width];
            Assert.StartsWith("Predict: scores must be (2, 3)", Assert.Throws<ShapeMismatchException>(() => net.Predict(X(x, 6), new TensorView<float>(scores, new Shape(rows, width)))).Message);
            Assert.StartsWith("Predict: scores must be (2, 3)", Assert.Throws<ShapeMismatchException>(() => session.Predict(X(x, 6), new TensorView<float>(scores, new Shape(rows, width)))).Message);
        }
    }

    [Fact]
    public void The_loss_and_gradient_of_an_empty_batch_are_refused_not_NaN()
    {
        var net = new Network<float>(_options, batchCapacity: 4);
        Assert.Contains("the batch is empty", Assert.Throws<ShapeMismatchException>(() => net.Loss(X([], 6), LabelBatch<float>.FromIndices([]))).Message, StringComparison.Ordinal);
        Assert.Contains("the batch is empty", Assert.Throws<ShapeMismatchException>(() => net.Gradient(X([], 6), LabelBatch<float>.FromIndices([]))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_accuracy_checks_its_labels_against_the_batch()
    {
        var session = new Network<float>(_options, batchCapacity: 4).CreateSession(batchCapacity: 4);
        float[] x = new float[2 * 6];
        Assert.StartsWith("Accuracy:", Assert.Throws<ShapeMismatchException>(() => session.Accuracy(X(x, 6), LabelBatch<float>.FromIndices([0]))).Message);
        Assert.StartsWith("Accuracy:", Assert.Throws<ArgumentOutOfRangeException>(() => session.Accuracy(X(x, 6), LabelBatch<float>.FromIndices([0, 3]))).Message);
    }

    [Fact]
    public void Batches_that_fill_the_capacity_exactly_predict_like_one_row_at_a_time()
    {
        var net = new Network<double>(_options, batchCapacity: 4);
        var session = net.CreateSession(batchCapacity: 4);
        var data = TestData.Blobs<double>(8, 6, 3, seed: 6);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(8, 6));
        double[] scores = new double[8 * 3];
        session.Predict(x, new TensorView<double>(scores, new Shape(8, 3)));
        int[] labels = new int[8];
        session.PredictLabels(x, labels);
        for (int i = 0; i < 8; i++)
        {
            var row = scores.AsSpan(i * 3, 3);
            Assert.Equal(row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max<double>(row)), labels[i]);
        }

        Assert.Equal(1.0, session.Accuracy(x, LabelBatch<double>.FromIndices(labels)));
        Assert.Equal(1.0, net.Accuracy(x, LabelBatch<double>.FromIndices(labels)));
    }

    [Fact]
    public void A_snapshot_holds_no_gradients()
    {
        // 100·100 + 100 + 100·10 + 10 values: a copy with gradients would take twice their bytes.
        var net = new Network<float>(new NetworkOptions { InputSize = 100, HiddenSizes = [100], OutputSize = 10 }, batchCapacity: 2);
        long valueBytes = net.Parameters.Values.Length * sizeof(float);
        net.CreateSnapshot();
        long allocated = AllocationMeter.BytesAllocatedBy(() => net.CreateSnapshot());
        Assert.InRange(allocated, valueBytes, valueBytes + (valueBytes / 4));

        var snapshot = net.CreateSnapshot();
        Assert.True(snapshot.Values.SequenceEqual(net.Parameters.Values));
        Assert.Equal(net.Options, snapshot.Options);
    }

    private static ReadOnlyTensorView<float> X(float[] x, int width) => new(x, new Shape(x.Length / width, width));
}
