using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NativeNet.Kernels;

/// <summary>The condition and the step of the drivers' vector loops.</summary>
internal static class VectorLoop
{
    /// <summary>Whether a block of <paramref name="width"/> elements starting at <paramref name="start"/> lies
    /// inside a span of <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(nuint start, nuint width, nuint length)
    {
        // Every loop that asks is followed by a narrower loop or a last overlapping vector, so a loop that stops one
        // block early gives the same result: that mutant (< for <=) is equivalent, and the others never end.
        // Stryker disable once all : equivalent (stops a block early) or endless; docs/testing.md, "Survivors"
        return start + width <= length;
    }

    /// <summary>The start of the block after the one of <paramref name="width"/> elements at
    /// <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nuint Next(nuint start, nuint width)
    {
        // Every width is a JIT-time constant (a multiple of Vector*<T>.Count), so this check costs nothing. It turns a
        // step that cannot advance (a mutant's 2 / c for 2 * c) into an exception instead of a loop that never ends.
        // Stryker disable once all : a correct loop never takes this branch; docs/testing.md, "Survivors"
        if (width == 0)
        {
            ThrowZeroWidth();
        }

        return start + width;
    }

    [DoesNotReturn]
    private static void ThrowZeroWidth() =>
        throw new InvalidOperationException("A vector loop's step is zero: the loop would never end.");
}
