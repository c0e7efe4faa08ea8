namespace NativeNet.Tests;

/// <summary>The allocation meter that the zero-allocation tests rely on.</summary>
public class AllocationMeterTests
{
    [Fact]
    public void Counts_the_bytes_allocated_on_this_thread()
    {
        object? kept = null;
        long bytes = AllocationMeter.BytesAllocatedBy(() => kept = new byte[1000]);

        Assert.InRange(bytes, 1000, 1100);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void A_measurement_spoiled_by_collections_fails_loudly_and_the_next_one_works()
    {
        // 80 MB of 1 MB arrays overrun the meter's 64 MB no-GC budget, so a collection ends every attempt's region.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 80; i++)
            {
                GC.KeepAlive(new byte[1 << 20]);
            }
        }));

        Assert.Equal(0, AllocationMeter.BytesAllocatedBy(() => { }));
    }
}
