using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>
/// A flat buffer whose first element sits on a 64-byte boundary (one cache line, one <c>Vector512</c>).
/// The array lives on the pinned object heap, so the alignment holds for the buffer's lifetime and
/// kernels may take pointers into it without pinning. Allocated once; never grows.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class AlignedBuffer<T>
    where T : unmanaged
{
    /// <summary>The alignment in bytes of the first element.</summary>
    public const int AlignmentBytes = 64;

    private readonly T[] _array;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed elements, 64-byte aligned.</summary>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int pad = AlignmentBytes / Unsafe.SizeOf<T>();
        _array = GC.AllocateArray<T>(length + pad, pinned: true);
        _offset = OffsetToAlignment(_array);
        Length = length;
    }

    /// <summary>The number of usable elements.</summary>
    public int Length { get; }

    /// <summary>All usable elements.</summary>
    public Span<T> Span => _array.AsSpan(_offset, Length);

    /// <summary>A part of the buffer.</summary>
    public Span<T> Slice(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start))
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"[{start}, {start + length}) is outside a buffer of {Length} elements.");
        }

        return _array.AsSpan(_offset + start, length);
    }

    /// <summary>Elements per 64-byte line: segments carved from the buffer are rounded to this so each stays aligned.</summary>
    public static int ElementsPerLine => AlignmentBytes / Unsafe.SizeOf<T>();

    /// <summary>Rounds <paramref name="length"/> up to a whole number of 64-byte lines.</summary>
    public static int RoundUpToLine(int length)
    {
        int line = ElementsPerLine;
        return checked((length + line - 1) / line * line);
    }

    private static unsafe int OffsetToAlignment(T[] array)
    {
        // The pinned object heap never moves objects, so an offset computed once stays valid.
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nuint misalignment = address % AlignmentBytes;
        return misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / (nuint)Unsafe.SizeOf<T>());
    }
}
