using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Tests.Memory;

public class WorkspaceTests
{
    [Fact]
    public void Batch_buffers_give_prefixes_up_to_capacity()
    {
        var plan = new WorkspacePlan();
        var a = plan.AddBatch("a", 10);
        var b = plan.AddBatch("b", 3);
        var f = plan.AddFixed("f", 7);
        var ws = plan.Build<float>(batchCapacity: 8);

        Assert.Equal(new Shape(8, 10), ws.Batch(a, 8).Shape);
        Assert.Equal(new Shape(5, 3), ws.Batch(b, 5).Shape);
        Assert.Equal(7, ws.Fixed(f).Length);

        ws.Batch(a, 8).Fill(1);
        ws.Batch(b, 8).Fill(2);
        ws.Fixed(f).Fill(3);
        Assert.All(ws.Batch(a, 8).Span.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(ws.Batch(b, 8).Span.ToArray(), v => Assert.Equal(2f, v));

        var ex = Assert.Throws<ShapeMismatchException>(() => ws.Batch(a, 9));
        Assert.Contains("8", ex.Message);
        Assert.Throws<InvalidOperationException>(() => ws.Fixed(a));
        Assert.Throws<InvalidOperationException>(() => ws.Batch(f, 1));
    }

    [Fact]
    public void Taking_views_allocates_nothing()
    {
        var plan = new WorkspacePlan();
        var a = plan.AddBatch("a", 100);
        var ws = plan.Build<float>(128);
        var layout = new ParameterLayout();
        var w = layout.AddParameter("W", new Shape(100, 10), ParameterKind.Weight);
        var store = new ParameterStore<float>(layout);

        float sink = Touch(ws, a, store, w);
        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                sink += Touch(ws, a, store, w);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(sink >= 0);
    }

    [Fact]
    public void Invalid_capacity_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkspacePlan().Build<float>(0));

    private static float Touch(Workspace<float> ws, WorkspaceSlot a, ParameterStore<float> store, ParameterHandle w)
    {
        var view = ws.Batch(a, 64);
        view[3, 7] = 1;
        var wv = store.Value(w);
        return view.Row(3)[7] + wv[0, 0] + store.Gradient(w)[1, 1];
    }
}
