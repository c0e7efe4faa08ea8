namespace NativeNet.Charts.Layout;

/// <summary>Maps data values on one axis to pixels, linearly or through log10.</summary>
internal sealed class AxisMap
{
    private readonly double _from;
    private readonly double _scale;
    private readonly double _pixelStart;

    /// <param name="ticks">The axis ticks and range.</param>
    /// <param name="scale">Linear or log.</param>
    /// <param name="pixelStart">Pixel of <see cref="ValueRange.Min"/> (the left edge, or the bottom edge for y).</param>
    /// <param name="pixelEnd">Pixel of <see cref="ValueRange.Max"/>.</param>
    public AxisMap(TickSet ticks, AxisScale scale, double pixelStart, double pixelEnd)
    {
        Ticks = ticks;
        Scale = scale;
        var lo = Transform(ticks.Range.Min);
        var hi = Transform(ticks.Range.Max);
        _from = lo;
        _scale = (pixelEnd - pixelStart) / (hi - lo);
        _pixelStart = pixelStart;
    }

    public TickSet Ticks { get; }

    public AxisScale Scale { get; }

    /// <summary>The pixel of <paramref name="value"/>, or NaN when it cannot be drawn (non-finite, or ≤ 0 on a log axis).</summary>
    public double ToPixel(double value)
    {
        if (!Extent.IsDrawable(value, Scale))
            return double.NaN;
        var pixel = _pixelStart + (Transform(value) - _from) * _scale;
        return double.IsFinite(pixel) ? pixel : double.NaN;
    }

    private double Transform(double value) => Scale == AxisScale.Log ? Math.Log10(value) : value;
}
