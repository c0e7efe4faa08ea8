using System.Runtime.CompilerServices;

namespace NativeNet.Kernels;

/// <summary>The condition of the drivers' vector loops.</summary>
internal static class LoopBound
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
}
