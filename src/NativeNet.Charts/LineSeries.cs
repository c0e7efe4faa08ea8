namespace NativeNet.Charts;

/// <summary>
/// One named curve: paired x and y values with its colour, marker and line style.
/// Points where x or y is NaN or infinite (or non-positive on a log axis) are skipped and break the
/// line, so a diverging run simply stops being drawn.
/// </summary>
public sealed record LineSeries
{
    /// <summary>A series of the points (x[i], y[i]).</summary>
    /// <param name="name">Legend text; an empty name keeps the series out of the legend.</param>
    /// <param name="x">Horizontal values.</param>
    /// <param name="y">Vertical values, as many as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length.</exception>
    public LineSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"Series '{name}': x has {x.Count} values but y has {y.Count}.", nameof(y));
        Name = name;
        X = x;
        Y = y;
    }

    /// <summary>A series whose x values are the indices 0, 1, …, y.Count − 1 (e.g. a loss per iteration).</summary>
    public static LineSeries FromValues(string name, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var x = new double[y.Count];
        for (var i = 0; i < x.Length; i++)
            x[i] = i;
        return new LineSeries(name, x, y);
    }

    /// <summary>Legend text.</summary>
    public string Name { get; }

    /// <summary>Horizontal values.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Vertical values.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>A CSS colour such as <c>#D55E00</c>; <c>null</c> takes the palette colour of the series' position.</summary>
    public string? Color { get; init; }

    /// <summary>The marker drawn at the points; none by default.</summary>
    public MarkerShape Marker { get; init; } = MarkerShape.None;

    /// <summary>Draw a marker at every n-th point only (1 = all), so long curves stay readable.</summary>
    public int MarkerEvery { get; init; } = 1;

    /// <summary>How the line is stroked; <see cref="LineStyle.None"/> draws markers only.</summary>
    public LineStyle Line { get; init; } = LineStyle.Solid;

    /// <summary>Stroke width in pixels.</summary>
    public double LineWidth { get; init; } = 1.75;
}
