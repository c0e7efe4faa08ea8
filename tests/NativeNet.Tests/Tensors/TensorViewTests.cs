using NativeNet.Tensors;

namespace NativeNet.Tests.Tensors;

public class TensorViewTests
{
    [Fact]
    public void Matrix_indexing_is_row_major()
    {
        float[] data = [0, 1, 2, 3, 4, 5];
        var view = new TensorView<float>(data, new Shape(2, 3));
        Assert.Equal(5f, view[1, 2]);
        view[1, 0] = 42;
        Assert.Equal(42f, data[3]);
        Assert.Equal([42f, 4f, 5f], view.Row(1).ToArray());
    }

    [Fact]
    public void Rank3_and_rank4_indexing_match_flat_offsets()
    {
        double[] data = new double[2 * 3 * 4 * 5];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i;
        }

        var t4 = new TensorView<double>(data, new Shape(2, 3, 4, 5));
        Assert.Equal(((((1 * 3) + 2) * 4) + 3) * 5 + 4, t4[1, 2, 3, 4]);
        var t3 = t4.Reshape(new Shape(6, 4, 5));
        Assert.Equal((((5 * 4) + 1) * 5) + 2, t3[5, 1, 2]);
        Assert.Equal(60, t4.RowLength);
    }

    [Fact]
    public void Reshape_shares_memory_and_checks_length()
    {
        float[] data = new float[12];
        var view = new TensorView<float>(data, new Shape(3, 4));
        var reshaped = view.Reshape(new Shape(2, 6));
        reshaped[1, 5] = 7;
        Assert.Equal(7f, data[11]);
        var ex = Assert.Throws<ShapeMismatchException>(() => new TensorView<float>(data, new Shape(3, 4)).Reshape(new Shape(5, 2)));
        Assert.Contains("(3, 4)", ex.Message);
        Assert.Contains("(5, 2)", ex.Message);
    }

    [Fact]
    public void Batch_prefix_and_row_slices_view_the_same_memory()
    {
        float[] data = new float[5 * 3];
        var view = new TensorView<float>(data, new Shape(5, 3));
        var prefix = view.TakeRows(2);
        Assert.Equal(new Shape(2, 3), prefix.Shape);
        var middle = view.SliceRows(1, 3);
        middle[0, 0] = 9;
        Assert.Equal(9f, data[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorView<float>(data, new Shape(5, 3)).SliceRows(4, 2));
    }

    [Fact]
    public void Constructor_rejects_a_span_of_the_wrong_length()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new TensorView<float>(new float[5], new Shape(2, 3)));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("5", ex.Message);
    }

    [Fact]
    public void Indexing_with_the_wrong_rank_or_out_of_range_throws()
    {
        Assert.Throws<ShapeMismatchException>(() => new TensorView<float>(new float[6], new Shape(2, 3))[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorView<float>(new float[6], new Shape(2, 3))[0, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorView<float>(new float[6], new Shape(2, 3))[2, 0]);
    }

    [Fact]
    public void OverPrefix_takes_the_start_of_a_larger_buffer()
    {
        float[] data = new float[100];
        var view = TensorView<float>.OverPrefix(data, new Shape(4, 5));
        Assert.Equal(20, view.Length);
        Assert.Throws<ShapeMismatchException>(() => TensorView<float>.OverPrefix(data, new Shape(11, 10)));
    }

    [Fact]
    public void Read_only_view_converts_implicitly_and_copies()
    {
        float[] source = [1, 2, 3, 4];
        float[] target = new float[4];
        ReadOnlyTensorView<float> ro = new TensorView<float>(source, new Shape(2, 2));
        Assert.Equal(4f, ro[1, 1]);
        ro.CopyTo(new TensorView<float>(target, new Shape(2, 2)));
        Assert.Equal(source, target);
        Assert.Throws<ShapeMismatchException>(() => new ReadOnlyTensorView<float>(source, new Shape(2, 2)).CopyTo(new TensorView<float>(target, new Shape(4))));
    }

    [Fact]
    public void Shape_reports_rows_row_length_and_formats()
    {
        var shape = new Shape(128, 1, 28, 28);
        Assert.Equal(4, shape.Rank);
        Assert.Equal(128, shape.Rows);
        Assert.Equal(784, shape.RowLength);
        Assert.Equal("(128, 1, 28, 28)", shape.ToString());
        Assert.Equal(new Shape(3, 1, 28, 28), shape.WithRows(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Shape(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Shape(100_000, 100_000));
    }
}
