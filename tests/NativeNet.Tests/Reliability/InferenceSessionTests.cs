using System.Numerics;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;
using NativeNet.Tests.Networks;

namespace NativeNet.Tests.Reliability;

/// <summary>Sessions share a network's parameters read-only and reproduce its predictions bit for bit.</summary>
public class InferenceSessionTests
{
    private const int Capacity = 16;

    [Fact]
    public void Session_predictions_equal_the_network_bit_for_bit_in_float_and_double()
    {
        CheckEqualsNetwork<float>();
        CheckEqualsNetwork<double>();
    }

    [Fact]
    public void Session_labels_and_accuracy_agree_with_the_network()
    {
        var net = ReliabilityFixtures.Trained<float>(ReliabilityFixtures.Serving, Capacity);
        var session = net.CreateSession(Capacity);
        var data = TestData.Blobs<float>(45, net.InputSize, net.OutputSize, 9);
        var x = new ReadOnlyTensorView<float>(data.Features, new Shape(45, net.InputSize));
        var labels = LabelBatch<float>.FromIndices(data.Labels);
        Assert.Equal(net.Accuracy(x, labels), session.Accuracy(x, labels));

        var scores = ReliabilityFixtures.ReferenceScores(net, data.Features, 45);
        var predicted = new int[45];
        session.PredictLabels(x, predicted);
        for (int i = 0; i < 45; i++)
        {
            var row = scores.AsSpan(i * net.OutputSize, net.OutputSize);
            Assert.Equal(row.IndexOf(TensorMax(row)), predicted[i]);
        }
    }

    [Fact]
    public void Session_predict_allocates_nothing_and_never_writes_the_shared_parameters()
    {
        var net = ReliabilityFixtures.Trained<float>(ReliabilityFixtures.Serving, Capacity);
        float[] valuesBefore = net.Parameters.Values.ToArray();
        float[] stateBefore = net.Parameters.State.ToArray();
        var session = net.CreateSession(Capacity);
        float[] x = ReliabilityFixtures.Inputs<float>(40, net.InputSize, 3);
        float[] scores = new float[40 * net.OutputSize];
        int[] labels = new int[40];
        var input = new ReadOnlyTensorView<float>(x, new Shape(40, net.InputSize));
        session.Predict(input, new TensorView<float>(scores, new Shape(40, net.OutputSize)));
        session.PredictLabels(input, labels);

        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            var batch = new ReadOnlyTensorView<float>(x, new Shape(40, net.InputSize));
            for (int i = 0; i < 20; i++)
            {
                session.Predict(batch, new TensorView<float>(scores, new Shape(40, net.OutputSize)));
                session.PredictLabels(batch, labels);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(ReliabilityFixtures.BitEqual<float>(valuesBefore, net.Parameters.Values));
        Assert.True(ReliabilityFixtures.BitEqual<float>(stateBefore, net.Parameters.State));
    }

    [Fact]
    public void A_session_sees_later_changes_of_the_live_network_but_a_snapshot_does_not()
    {
        var net = ReliabilityFixtures.Trained<float>(ReliabilityFixtures.Serving, Capacity);
        var live = net.CreateSession(Capacity);
        var snapshot = net.CreateSnapshot();
        var frozen = snapshot.CreateSession(Capacity);
        float[] x = ReliabilityFixtures.Inputs<float>(10, net.InputSize, 4);
        float[] before = ReliabilityFixtures.ReferenceScores(net, x, 10);

        net.Initialize(seed: 99);
        float[] after = ReliabilityFixtures.ReferenceScores(net, x, 10);
        Assert.False(ReliabilityFixtures.BitEqual<float>(before, after));
        Assert.True(ReliabilityFixtures.BitEqual<float>(after, Predict(live, x, 10)));
        Assert.True(ReliabilityFixtures.BitEqual<float>(before, Predict(frozen, x, 10)));
    }

    [Fact]
    public void Sessions_reject_wrong_shapes_with_ShapeMismatchException()
    {
        var session = new Network<float>(ReliabilityFixtures.Serving, Capacity).CreateSession(Capacity);
        var x = new float[3 * 7];
        Assert.Throws<ShapeMismatchException>(() => session.Predict(new ReadOnlyTensorView<float>(x, new Shape(3, 7)), new TensorView<float>(new float[15], new Shape(3, 5))));
        var good = new float[3 * 24];
        Assert.Throws<ShapeMismatchException>(() => session.Predict(new ReadOnlyTensorView<float>(good, new Shape(3, 24)), new TensorView<float>(new float[12], new Shape(3, 4))));
        Assert.Throws<ShapeMismatchException>(() => session.PredictLabels(new ReadOnlyTensorView<float>(good, new Shape(3, 24)), new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Network<float>(ReliabilityFixtures.Serving, Capacity).CreateSession(0));
    }

    private static void CheckEqualsNetwork<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = ReliabilityFixtures.Trained<T>(ReliabilityFixtures.Serving, Capacity);
        var session = net.CreateSession(Capacity);
        var fromSnapshot = net.CreateSnapshot().CreateSession(Capacity);

        // 37 rows: two full chunks of the capacity and a partial one.
        T[] x = ReliabilityFixtures.Inputs<T>(37, net.InputSize, 2);
        T[] expected = ReliabilityFixtures.ReferenceScores(net, x, 37);
        Assert.True(ReliabilityFixtures.BitEqual<T>(expected, Predict(session, x, 37)));
        Assert.True(ReliabilityFixtures.BitEqual<T>(expected, Predict(fromSnapshot, x, 37)));
    }

    private static T[] Predict<T>(InferenceSession<T> session, T[] x, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scores = new T[rows * session.OutputSize];
        session.Predict(new ReadOnlyTensorView<T>(x, new Shape(rows, session.InputSize)), new TensorView<T>(scores, new Shape(rows, session.OutputSize)));
        return scores;
    }

    private static float TensorMax(ReadOnlySpan<float> row) => System.Numerics.Tensors.TensorPrimitives.Max(row);
}
