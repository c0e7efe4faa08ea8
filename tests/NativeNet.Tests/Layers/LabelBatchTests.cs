using NativeNet.Layers;

namespace NativeNet.Tests.Layers;

public class LabelBatchTests
{
    [Fact]
    public void Take_keeps_the_first_index_labels()
    {
        int[] indices = [3, 1, 4, 1];
        LabelBatch<float> first = LabelBatch<float>.FromIndices(indices).Take(2);
        Assert.True(first.IsIndex);
        Assert.Equal(2, first.Count);
        Assert.Equal([3, 1], first.Indices.ToArray());
    }

    [Fact]
    public void Take_keeps_the_first_one_hot_rows()
    {
        double[] oneHot = [0, 1, 1, 0, 0, 1];
        LabelBatch<double> first = LabelBatch<double>.FromOneHot(LayerTestKit.View(oneHot, 3, 2)).Take(2);
        Assert.False(first.IsIndex);
        Assert.Equal(2, first.Count);
        Assert.Equal(2, first.OneHot.RowLength);
        Assert.Equal([0.0, 1, 1, 0], first.OneHot.Span.ToArray());
    }
}
