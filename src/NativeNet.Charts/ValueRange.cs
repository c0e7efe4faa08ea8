namespace NativeNet.Charts;

/// <summary>A closed interval [<see cref="Min"/>, <see cref="Max"/>] of data values, for axis limits and sampling ranges.</summary>
public readonly record struct ValueRange
{
    /// <summary>Creates the interval; both ends must be finite and <paramref name="min"/> &lt; <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN or infinite, or <paramref name="min"/> ≥ <paramref name="max"/>.</exception>
    public ValueRange(double min, double max)
    {
        if (!double.IsFinite(min))
            throw new ArgumentOutOfRangeException(nameof(min), min, "Range ends must be finite.");
        if (!double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(max), max, "Range ends must be finite.");
        if (!(min < max))
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Range must have min < max (got [{min}, {max}]).");
        Min = min;
        Max = max;
    }

    /// <summary>The lower end.</summary>
    public double Min { get; }

    /// <summary>The upper end.</summary>
    public double Max { get; }

    /// <summary><see cref="Max"/> − <see cref="Min"/>.</summary>
    public double Span => Max - Min;

    /// <summary>Whether <paramref name="value"/> lies in the closed interval.</summary>
    public bool Contains(double value) => value >= Min && value <= Max;
}
