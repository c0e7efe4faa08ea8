using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Tests.Memory;

public class ParameterStoreTests
{
    [Fact]
    public unsafe void Segments_are_64_byte_aligned_and_disjoint()
    {
        var layout = new ParameterLayout();
        var w1 = layout.AddParameter("W1", new Shape(7, 5), ParameterKind.Weight);
        var b1 = layout.AddParameter("b1", new Shape(5), ParameterKind.Bias);
        var w2 = layout.AddParameter("W2", new Shape(5, 3), ParameterKind.Weight);
        var mean = layout.AddState("mean1", new Shape(5));
        var store = new ParameterStore<float>(layout);

        Assert.Equal(35 + 5 + 15, layout.ParameterCount);
        foreach (var handle in new[] { w1, b1, w2 })
        {
            fixed (float* p = store.Value(handle).Span)
            {
                Assert.Equal(0, (long)p % 64);
            }

            fixed (float* g = store.Gradient(handle).Span)
            {
                Assert.Equal(0, (long)g % 64);
            }
        }

        store.Value(w1).Fill(1);
        store.Value(b1).Fill(2);
        store.Value(w2).Fill(3);
        store.StateValue(mean).Fill(4);
        Assert.All(store.Value("W1").Span.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(store.Value("b1").Span.ToArray(), v => Assert.Equal(2f, v));
        Assert.All(store.Value("W2").Span.ToArray(), v => Assert.Equal(3f, v));
        Assert.Equal(35 + 10 + 45, Sum(store.Values));
        Assert.Equal(20, Sum(store.State));
        Assert.True(layout.Parameters[0].IsDecayed);
        Assert.False(layout.Parameters[1].IsDecayed);
    }

    [Fact]
    public void Gradients_share_the_layout_and_zero_together()
    {
        var layout = new ParameterLayout();
        var w = layout.AddParameter("W", new Shape(3, 3), ParameterKind.Weight);
        var store = new ParameterStore<double>(layout);
        store.Gradient(w)[2, 2] = 5;
        Assert.Equal(5, store.Gradients[layout.Parameters[0].Offset + 8]);
        store.ZeroGradients();
        Assert.Equal(0, store.Gradient(w)[2, 2]);
    }

    [Fact]
    public void Duplicate_names_and_late_declarations_are_rejected()
    {
        var layout = new ParameterLayout();
        layout.AddParameter("W", new Shape(2, 2), ParameterKind.Weight);
        Assert.Throws<ArgumentException>(() => layout.AddParameter("W", new Shape(1), ParameterKind.Bias));
        _ = new ParameterStore<float>(layout);
        Assert.Throws<InvalidOperationException>(() => layout.AddParameter("b", new Shape(2), ParameterKind.Bias));
        var ex = Assert.Throws<KeyNotFoundException>(() => layout.FindParameter("nope"));
        Assert.Contains("W", ex.Message);
    }

    [Fact]
    public void CopyValuesFrom_copies_values_and_state_but_checks_layout()
    {
        static ParameterLayout Make(int n)
        {
            var layout = new ParameterLayout();
            layout.AddParameter("W", new Shape(n, 2), ParameterKind.Weight);
            layout.AddState("s", new Shape(2));
            return layout;
        }

        var a = new ParameterStore<float>(Make(3));
        var b = new ParameterStore<float>(Make(3));
        a.Values.Fill(1.5f);
        a.State.Fill(2.5f);
        b.CopyValuesFrom(a);
        Assert.Equal(1.5f, b.Value("W")[2, 1]);
        Assert.Equal(2.5f, b.State[0]);
        Assert.Throws<ShapeMismatchException>(() => b.CopyValuesFrom(new ParameterStore<float>(Make(40))));
    }

    private static double Sum(Span<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum;
    }
}
