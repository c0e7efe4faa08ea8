namespace NativeNet.Charts;

/// <summary>How data values map to positions along an axis.</summary>
public enum AxisScale
{
    /// <summary>Position proportional to the value.</summary>
    Linear,

    /// <summary>Position proportional to log10 of the value; the range must be positive, non-positive data points are not drawn.</summary>
    Log,
}

/// <summary>Options of one chart axis: its label, its scale, and optionally a fixed range.</summary>
/// <remarks>
/// Without <see cref="Range"/>, the axis covers the finite data and is widened to "nice" tick
/// values (1, 2 or 5 × 10^k); with it, the axis shows exactly that range and data outside is clipped.
/// </remarks>
public sealed record Axis
{
    /// <summary>An axis with a label, linear scale and automatic range.</summary>
    public Axis(string? label = null) => Label = label;

    /// <summary>Text under the x axis or beside the y axis; <c>null</c> for none.</summary>
    public string? Label { get; init; }

    /// <summary>Linear or logarithmic mapping.</summary>
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>A fixed range, or <c>null</c> to fit the data.</summary>
    public ValueRange? Range { get; init; }

    /// <summary>Whether to draw light grid lines at the major ticks.</summary>
    public bool GridLines { get; init; } = true;
}
