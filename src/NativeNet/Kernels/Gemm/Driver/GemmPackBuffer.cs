using System.Runtime.CompilerServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// Per-thread packing memory for GEMM: one pinned array on the pinned object heap, 64-byte aligned, grown on
/// demand and then reused, so a steady stream of GEMM calls allocates nothing. Each thread (including the
/// <see cref="GemmWorkerPool"/> threads of a split GEMM) gets its own buffer, so no locking is needed.
/// </summary>
internal static unsafe class GemmPackBuffer<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static T[]? _array;

    [ThreadStatic]
    private static nint _aligned;

    [ThreadStatic]
    private static int _capacity;

    /// <summary>Rounds an element count up to whole cache lines so that regions carved one after another stay aligned.</summary>
    public static int RoundUp(int elements)
    {
        int perLine = Alignment / sizeof(T);
        return (elements + perLine - 1) / perLine * perLine;
    }

    /// <summary>
    /// A 64-byte aligned block of at least <paramref name="elements"/> elements owned by the calling thread.
    /// Valid until the next call on this thread with a larger size; contents are unspecified.
    /// </summary>
    public static T* Get(int elements)
    {
        if (elements > _capacity)
        {
            Grow(elements);
        }

        return (T*)_aligned;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow(int elements)
    {
        // Grow geometrically so a sequence of slightly larger shapes does not reallocate every call.
        int capacity = Math.Max(elements, (int)Math.Min(int.MaxValue - Alignment, 2L * _capacity));
        T[] array = GC.AllocateUninitializedArray<T>(capacity + (Alignment / sizeof(T)), pinned: true);
        nint start = (nint)Unsafe.AsPointer(ref array[0]);
        _aligned = (start + (Alignment - 1)) & ~(nint)(Alignment - 1);
        _array = array;
        _capacity = capacity;
    }
}
