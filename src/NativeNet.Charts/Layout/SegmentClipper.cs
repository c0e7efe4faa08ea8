namespace NativeNet.Charts.Layout;

/// <summary>
/// Liang–Barsky line clipping: cuts a segment to the part inside a box, so curves that leave a fixed
/// axis range end exactly at the frame instead of relying on an SVG clip path, and far-away points
/// (a diverging run at 1e30) never reach the output as huge coordinates.
/// </summary>
internal static class SegmentClipper
{
    /// <summary>Clips the segment in place; returns false if nothing is inside.</summary>
    /// <param name="box">The clip rectangle.</param>
    /// <param name="x0">Start x, moved onto the box edge if it was outside.</param>
    /// <param name="y0">Start y.</param>
    /// <param name="x1">End x, moved onto the box edge if it was outside.</param>
    /// <param name="y1">End y.</param>
    /// <param name="startMoved">Whether the start was outside and got moved.</param>
    /// <param name="endMoved">Whether the end was outside and got moved.</param>
    public static bool Clip(Box box, ref double x0, ref double y0, ref double x1, ref double y1, out bool startMoved, out bool endMoved)
    {
        startMoved = false;
        endMoved = false;
        var dx = x1 - x0;
        var dy = y1 - y0;
        double t0 = 0, t1 = 1;
        if (!Edge(-dx, x0 - box.X, ref t0, ref t1) || !Edge(dx, box.Right - x0, ref t0, ref t1)
            || !Edge(-dy, y0 - box.Y, ref t0, ref t1) || !Edge(dy, box.Bottom - y0, ref t0, ref t1))
            return false;

        var sx = x0;
        var sy = y0;
        if (t1 < 1)
        {
            x1 = sx + t1 * dx;
            y1 = sy + t1 * dy;
            endMoved = true;
        }

        if (t0 > 0)
        {
            x0 = sx + t0 * dx;
            y0 = sy + t0 * dy;
            startMoved = true;
        }

        return true;
    }

    /// <summary>One half-plane test: p·t ≤ q, narrowing [t0, t1].</summary>
    private static bool Edge(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0)
            return q >= 0;
        var t = q / p;
        if (p < 0)
        {
            if (t > t1)
                return false;
            if (t > t0)
                t0 = t;
        }
        else
        {
            if (t < t0)
                return false;
            if (t < t1)
                t1 = t;
        }

        return true;
    }
}
