using System.Diagnostics.CodeAnalysis;

namespace NativeNet.Kernels;

/// <summary>
/// Argument checks shared by the kernels. The throwing paths live in separate methods so the checks
/// stay small enough to inline into hot callers.
/// </summary>
internal static class SpanChecks
{
    /// <summary>Throws <see cref="ShapeMismatchException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void Length(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, name);
        }
    }

    /// <summary>
    /// Checks <c>rows, cols ≥ 0</c> and that a row-major <c>rows×cols</c> matrix has exactly <paramref name="length"/> elements.
    /// </summary>
    public static void Matrix(int length, int rows, int cols, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if ((long)rows * cols != length)
        {
            ThrowMatrix(length, rows, cols, name);
        }
    }

    /// <summary>
    /// Allows <paramref name="destination"/> to be exactly <paramref name="input"/> (in-place) or disjoint from it;
    /// any other overlap would let the kernel read values it has already overwritten, so it throws.
    /// </summary>
    public static void NoPartialOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> destination, string name)
    {
        if (input.Overlaps(destination, out int offset) && (offset != 0 || input.Length != destination.Length))
        {
            ThrowOverlap(name);
        }
    }

    /// <summary>Throws if <paramref name="input"/> and <paramref name="destination"/> share any element.</summary>
    public static void NoOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> destination, string name)
    {
        if (input.Overlaps(destination))
        {
            ThrowOverlap(name);
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string name) =>
        throw new ShapeMismatchException($"'{name}' has length {actual} but {expected} was expected.", name);

    [DoesNotReturn]
    private static void ThrowMatrix(int length, int rows, int cols, string name) =>
        throw new ShapeMismatchException($"'{name}' has length {length} but a {rows}x{cols} matrix needs {(long)rows * cols}.", name);

    [DoesNotReturn]
    private static void ThrowOverlap(string name) =>
        throw new ArgumentException($"'{name}' partially overlaps the destination; pass the same span for in-place or disjoint spans.", name);
}
