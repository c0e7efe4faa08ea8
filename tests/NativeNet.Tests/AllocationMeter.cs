using System.Runtime;

namespace NativeNet.Tests;

/// <summary>
/// Measures what a piece of code allocates on the calling thread, exactly. <see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// alone is not exact while other tests run: a collection started by another thread takes this thread's allocation
/// context away, and the counter then moves by up to one allocation quantum (about 8 KB) without anything being
/// allocated here (seen as 7,960-8,056 bytes in one GEMM call, once in several runs of the kernel tests; the runtime's
/// own test of the counter fails the same way). The measured code therefore runs in a no-GC region, so no collection
/// can happen during it, and the measurement fails loudly, not silently, if one happened anyway.
/// </summary>
internal static class AllocationMeter
{
    /// <summary>Room for other threads' allocations while the measured code runs; a collection happens only beyond it.</summary>
    private const long NoGcBudget = 64L << 20;

    /// <summary>A no-GC region is process-wide: measurements from tests running in parallel take turns.</summary>
    private static readonly Lock _gate = new();

    /// <summary>
    /// Measurements to try before giving up: a collection caused by other tests' allocations (seen once, in the
    /// slow scalar rerun, during a split GEMM) makes one measurement invalid, not the code under test wrong.
    /// </summary>
    private const int Attempts = 3;

    /// <summary>The bytes <paramref name="body"/> allocated on this thread (it may run up to three times).</summary>
    public static long BytesAllocatedBy(Action body)
    {
        lock (_gate)
        {
            for (int attempt = 1; ; attempt++)
            {
                if (TryMeasureAlone(body, out long bytes))
                {
                    return bytes;
                }

                Assert.True(
                    attempt < Attempts,
                    $"a collection ran during each of {Attempts} measurements (other threads allocated more than {NoGcBudget >> 20} MB each time), so none is valid");
            }
        }
    }

    private static bool TryMeasureAlone(Action body, out long bytes)
    {
        if (!GC.TryStartNoGCRegion(NoGcBudget))
        {
            throw new InvalidOperationException("Could not start a no-GC region for the allocation measurement.");
        }

        try
        {
            int collections = GC.CollectionCount(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            return GC.CollectionCount(0) == collections && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        }
        finally
        {
            EndRegion();
        }
    }

    /// <summary>
    /// Ends the region this meter started, whatever happened in it: the runtime's region state is not its latency
    /// mode, and only <see cref="GC.EndNoGCRegion"/> always clears it. Left open, it fails the next measurement with
    /// "The NoGCRegion mode was already in progress".
    /// </summary>
    private static void EndRegion()
    {
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // Thrown, after the runtime has cleared the region, when a collection had ended it; the measurement has
            // already checked for collections.
        }
    }
}
