namespace NativeNet.Charts;

/// <summary>
/// Contour lines of a function sampled on a rectangular grid, by marching squares: each grid cell
/// whose corners lie on both sides of the level gets a segment between the linearly interpolated
/// crossing points on its edges. Saddle cells are resolved with the mean of the four corners.
/// </summary>
public static class MarchingSquares
{
    /// <summary>Samples <paramref name="function"/> at every (xs[i], ys[j]) into a row-major grid: element j·xs.Length + i.</summary>
    public static double[] Sample(Func<double, double, double> function, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        ArgumentNullException.ThrowIfNull(function);
        var values = new double[xs.Length * ys.Length];
        for (var j = 0; j < ys.Length; j++)
        {
            for (var i = 0; i < xs.Length; i++)
                values[j * xs.Length + i] = function(xs[i], ys[j]);
        }

        return values;
    }

    /// <summary><paramref name="count"/> evenly spaced values from the range minimum to its maximum, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 2.</exception>
    public static double[] Linspace(ValueRange range, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = range.Min + range.Span * i / (count - 1);
        values[^1] = range.Max;
        return values;
    }

    /// <summary>The segments of the contour line f = <paramref name="level"/>.</summary>
    /// <param name="values">Row-major samples, <c>values[j * xs.Length + i] = f(xs[i], ys[j])</c>; cells with a non-finite corner are skipped.</param>
    /// <param name="xs">Grid x coordinates, ascending.</param>
    /// <param name="ys">Grid y coordinates, ascending.</param>
    /// <param name="level">The function value the contour follows.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not xs.Length × ys.Length long.</exception>
    public static IReadOnlyList<LineSegment> Trace(ReadOnlySpan<double> values, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double level)
    {
        if (values.Length != xs.Length * ys.Length)
            throw new ArgumentException($"The grid has {xs.Length} × {ys.Length} points but {values.Length} values were given.", nameof(values));
        var segments = new List<LineSegment>();
        if (!double.IsFinite(level))
            return segments;

        var nx = xs.Length;
        Span<Point2> crossings = stackalloc Point2[4];
        for (var j = 0; j + 1 < ys.Length; j++)
        {
            for (var i = 0; i + 1 < nx; i++)
            {
                var v00 = values[j * nx + i];
                var v10 = values[j * nx + i + 1];
                var v01 = values[(j + 1) * nx + i];
                var v11 = values[(j + 1) * nx + i + 1];
                if (!double.IsFinite(v00) || !double.IsFinite(v10) || !double.IsFinite(v01) || !double.IsFinite(v11))
                    continue;

                bool a00 = v00 >= level, a10 = v10 >= level, a01 = v01 >= level, a11 = v11 >= level;
                if (a00 == a10 && a10 == a11 && a11 == a01)
                    continue;

                // Edges in fixed order: bottom (00→10), right (10→11), top (01→11), left (00→01).
                // Neighbouring cells interpolate a shared edge from the same corners in the same order,
                // so their crossing points are bit-identical and the segments join exactly.
                var n = 0;
                if (a00 != a10)
                    crossings[n++] = Interpolate(xs[i], ys[j], v00, xs[i + 1], ys[j], v10, level);
                if (a10 != a11)
                    crossings[n++] = Interpolate(xs[i + 1], ys[j], v10, xs[i + 1], ys[j + 1], v11, level);
                if (a01 != a11)
                    crossings[n++] = Interpolate(xs[i], ys[j + 1], v01, xs[i + 1], ys[j + 1], v11, level);
                if (a00 != a01)
                    crossings[n++] = Interpolate(xs[i], ys[j], v00, xs[i], ys[j + 1], v01, level);

                if (n == 2)
                {
                    segments.Add(new LineSegment(crossings[0], crossings[1]));
                }
                else
                {
                    // Saddle: all four edges crossed (bottom, right, top, left). If the centre is on the
                    // side of corner 00, the diagonal 00–11 is connected and corners 10 and 01 are cut off.
                    var centreHigh = (v00 + v10 + v01 + v11) / 4 >= level;
                    if (centreHigh == a00)
                    {
                        segments.Add(new LineSegment(crossings[0], crossings[1]));
                        segments.Add(new LineSegment(crossings[2], crossings[3]));
                    }
                    else
                    {
                        segments.Add(new LineSegment(crossings[3], crossings[0]));
                        segments.Add(new LineSegment(crossings[1], crossings[2]));
                    }
                }
            }
        }

        return segments;
    }

    private static Point2 Interpolate(double xa, double ya, double va, double xb, double yb, double vb, double level)
    {
        var t = (level - va) / (vb - va);
        return new Point2(xa + t * (xb - xa), ya + t * (yb - ya));
    }
}
