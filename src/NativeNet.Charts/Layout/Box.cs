namespace NativeNet.Charts.Layout;

/// <summary>An axis-aligned rectangle in pixels (y grows downward, as in SVG).</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterX => X + Width / 2;

    public double CenterY => Y + Height / 2;

    public bool Contains(double x, double y) => x >= X && x <= Right && y >= Y && y <= Bottom;

    public Box Inflate(double by) => new(X - by, Y - by, Width + 2 * by, Height + 2 * by);

    /// <summary>Whether the segment (x0,y0)-(x1,y1) touches this box (Liang–Barsky clip is non-empty).</summary>
    public bool Intersects(double x0, double y0, double x1, double y1) =>
        SegmentClipper.Clip(this, ref x0, ref y0, ref x1, ref y1, out _, out _);
}
