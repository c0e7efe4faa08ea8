namespace NativeNet.Charts;

/// <summary>The shape drawn at a data point.</summary>
public enum MarkerShape
{
    /// <summary>No marker.</summary>
    None,

    /// <summary>A filled circle.</summary>
    Circle,

    /// <summary>A filled square.</summary>
    Square,

    /// <summary>A filled triangle pointing up.</summary>
    Triangle,

    /// <summary>A filled square rotated 45°.</summary>
    Diamond,

    /// <summary>An × made of two strokes.</summary>
    Cross,

    /// <summary>A + made of two strokes.</summary>
    Plus,
}

/// <summary>How the line joining a series' points is stroked.</summary>
public enum LineStyle
{
    /// <summary>A continuous line.</summary>
    Solid,

    /// <summary>Long dashes.</summary>
    Dashed,

    /// <summary>Round dots.</summary>
    Dotted,

    /// <summary>No line: markers only (a scatter plot).</summary>
    None,
}

/// <summary>Where the legend goes.</summary>
public enum LegendPosition
{
    /// <summary>
    /// Inside the plot area in the first corner (top-right, top-left, bottom-right, bottom-left)
    /// that no line or marker crosses; outside to the right when every corner is covered.
    /// </summary>
    Auto,

    /// <summary>Inside the plot area, top-right corner, whatever it covers.</summary>
    TopRightInside,

    /// <summary>Right of the plot area; the plot is narrowed to make room.</summary>
    OutsideRight,

    /// <summary>No legend.</summary>
    None,
}
