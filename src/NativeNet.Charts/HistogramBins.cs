namespace NativeNet.Charts;

/// <summary>Counts values into equal-width bins, with numpy's edge rule.</summary>
public static class HistogramBins
{
    /// <summary>
    /// Counts <paramref name="values"/> into <paramref name="binCount"/> equal bins over
    /// <paramref name="range"/>. Bin i holds values in [edge i, edge i+1); the last bin also holds
    /// values equal to the range maximum. Values outside the range, NaN and infinities are not counted.
    /// </summary>
    /// <returns>The count per bin, <paramref name="binCount"/> long.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 1.</exception>
    public static int[] Count(ReadOnlySpan<double> values, int binCount, ValueRange range)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        var counts = new int[binCount];
        var scale = binCount / range.Span;
        foreach (var value in values)
        {
            if (!(value >= range.Min && value <= range.Max))
                continue;
            // Rounding can put a value just below the maximum at index binCount: it belongs to the last bin.
            var index = Math.Min((int)((value - range.Min) * scale), binCount - 1);
            counts[index]++;
        }

        return counts;
    }

    /// <summary>The bin edges: <paramref name="binCount"/> + 1 values from the range minimum to its maximum.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 1.</exception>
    public static double[] Edges(int binCount, ValueRange range)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        var edges = new double[binCount + 1];
        for (var i = 0; i <= binCount; i++)
            edges[i] = range.Min + range.Span * i / binCount;
        edges[binCount] = range.Max;
        return edges;
    }
}
