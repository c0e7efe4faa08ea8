namespace NativeNet.Charts;

/// <summary>A point in data coordinates.</summary>
/// <param name="X">Horizontal data value.</param>
/// <param name="Y">Vertical data value.</param>
public readonly record struct Point2(double X, double Y);

/// <summary>A straight piece of a contour line between two points, in data coordinates.</summary>
/// <param name="Start">One end.</param>
/// <param name="End">The other end.</param>
public readonly record struct LineSegment(Point2 Start, Point2 End);
