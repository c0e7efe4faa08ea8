using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

/// <summary>
/// Accuracy of networks and sessions counts, over every chunk of the batch capacity, the rows whose arg-max is the
/// label, for index and one-hot labels alike; and the label matching both use.
/// </summary>
public class NetworkAccuracyTests
{
    private const int Rows = 10;
    private const int Classes = 4;
    private static readonly NetworkOptions _options = new() { InputSize = 6, HiddenSizes = [5], OutputSize = Classes, Seed = 3 };

    /// <summary>Rows where the label is the predicted class: 0, 3, 4, 8 and 9 (two of them in the last, partial chunk).</summary>
    private static readonly bool[] _hits = [true, false, false, true, true, false, false, false, true, true];

    [Fact]
    public void Network_and_session_accuracy_is_the_fraction_of_rows_predicted_right_across_chunks()
    {
        var net = new Network<double>(_options, batchCapacity: 4);
        var data = TestData.Blobs<double>(Rows, 6, Classes, seed: 8);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(Rows, 6));
        int[] labels = Labels(Predicted(net, x));

        Assert.Equal(0.5, net.Accuracy(x, LabelBatch<double>.FromIndices(labels)));
        Assert.Equal(0.5, net.CreateSession(batchCapacity: 4).Accuracy(x, LabelBatch<double>.FromIndices(labels)));
        Assert.Equal(0.5, net.CreateSession(batchCapacity: 3).Accuracy(x, LabelBatch<double>.FromIndices(labels)));

        double[] oneHot = new double[Rows * Classes];
        for (int i = 0; i < Rows; i++)
        {
            oneHot[(i * Classes) + labels[i]] = 1;
        }

        var oneHotLabels = LabelBatch<double>.FromOneHot(new ReadOnlyTensorView<double>(oneHot, new Shape(Rows, Classes)));
        Assert.Equal(0.5, net.Accuracy(x, oneHotLabels));
        Assert.Equal(0.5, net.CreateSession(batchCapacity: 4).Accuracy(x, oneHotLabels));
    }

    [Fact]
    public void Accuracy_of_no_rows_is_zero()
    {
        var net = new Network<float>(_options, batchCapacity: 4);
        var empty = new ReadOnlyTensorView<float>([], new Shape(0, 6));
        Assert.Equal(0.0, net.Accuracy(empty, LabelBatch<float>.FromIndices([])));
        Assert.Equal(0.0, net.CreateSession(4).Accuracy(empty, LabelBatch<float>.FromIndices([])));
    }

    [Fact]
    public void Session_labels_are_the_arg_max_of_its_scores_in_every_chunk()
    {
        var net = new Network<double>(_options, batchCapacity: 4);
        var session = net.CreateSession(batchCapacity: 3);
        Assert.Equal(3, session.BatchCapacity);
        Assert.Equal(_options, session.Options);
        Assert.Equal(net.Layers.Count, session.Layers.Count);
        var data = TestData.Blobs<double>(Rows, 6, Classes, seed: 8);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(Rows, 6));
        int[] labels = new int[Rows];
        session.PredictLabels(x, labels);
        Assert.Equal(Predicted(net, x), labels);
    }

    [Fact]
    public void Label_matches_count_from_the_start_row_with_index_labels()
    {
        int[] labels = [2, 0, 1, 1, 3];
        var batch = LabelBatch<double>.FromIndices(labels);
        Assert.Equal(2, LabelMatches.Count([2, 1, 1], batch, start: 0));
        Assert.Equal(3, LabelMatches.Count([0, 1, 1], batch, start: 1));
        Assert.Equal(1, LabelMatches.Count([3], batch, start: 4));
        Assert.Equal(0, LabelMatches.Count([], batch, start: 2));
    }

    [Fact]
    public void Label_matches_take_the_first_largest_entry_of_a_target_row()
    {
        double[] rows =
        [
            0, 0, 0, 1,       // class 3, the last column
            1, 0, 0, 0,       // class 0
            0.5, 0.5, 0, 0,   // a tie: the first, class 0
            0, 0.2, 0.2, 0.6, // class 3
            0, 0.4, 0.4, 0.2, // a tie: class 1
        ];
        var batch = LabelBatch<double>.FromOneHot(new ReadOnlyTensorView<double>(rows, new Shape(5, 4)));
        Assert.Equal(5, LabelMatches.Count([3, 0, 0, 3, 1], batch, start: 0));
        Assert.Equal(0, LabelMatches.Count([2, 1, 1, 2, 2], batch, start: 0));
        Assert.Equal(2, LabelMatches.Count([0, 3, 2], batch, start: 2));
    }

    private static int[] Predicted(Network<double> net, ReadOnlyTensorView<double> x)
    {
        double[] scores = new double[Rows * Classes];
        net.Predict(x, new TensorView<double>(scores, new Shape(Rows, Classes)));
        int[] predicted = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            var row = scores.AsSpan(i * Classes, Classes);
            predicted[i] = row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max<double>(row));
        }

        return predicted;
    }

    private static int[] Labels(int[] predicted)
    {
        int[] labels = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            labels[i] = _hits[i] ? predicted[i] : (predicted[i] + 1) % Classes;
        }

        return labels;
    }

    [Fact]
    public void Accuracy_names_itself_when_rows_and_labels_disagree()
    {
        var net = new Network<float>(_options, batchCapacity: 4);
        var error = Assert.Throws<ShapeMismatchException>(() =>
            net.Accuracy(new ReadOnlyTensorView<float>(new float[3 * 6], new Shape(3, 6)), LabelBatch<float>.FromIndices([0, 1])));
        Assert.StartsWith("Accuracy: 3 samples but 2 labels", error.Message);
    }
}
