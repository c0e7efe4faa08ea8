namespace NativeNet.Charts.Layout;

/// <summary>The smallest and largest drawable data value along one axis (finite, and positive on a log axis).</summary>
internal struct Extent
{
    public double Min;
    public double Max;
    public bool IsEmpty;

    public static Extent Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity, IsEmpty = true };

    public static bool IsDrawable(double value, AxisScale scale) =>
        double.IsFinite(value) && (scale == AxisScale.Linear || value > 0);

    public void Include(double value, AxisScale scale)
    {
        if (!IsDrawable(value, scale))
            return;
        if (value < Min)
            Min = value;
        if (value > Max)
            Max = value;
        IsEmpty = false;
    }

    public void Include(IReadOnlyList<double> values, AxisScale scale)
    {
        for (var i = 0; i < values.Count; i++)
            Include(values[i], scale);
    }
}
