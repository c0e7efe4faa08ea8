using NativeNet.Charts.Svg;

namespace NativeNet.Charts.Layout;

/// <summary>
/// Decides where a column legend goes. <see cref="LegendPosition.Auto"/> tries the four inside
/// corners (top-right first) and takes the first that no line or marker crosses; if none is free,
/// it switches to outside-right, and the caller lays the frame out again with room reserved.
/// </summary>
internal sealed class LegendPlacer
{
    private readonly IReadOnlyList<LegendEntry> _entries;
    private readonly double _fontSize;
    private readonly (double Width, double Height) _size;
    private LegendPosition _mode;
    private Box? _box;

    public LegendPlacer(IReadOnlyList<LegendEntry> entries, LegendPosition position, double fontSize)
    {
        _entries = entries;
        _fontSize = fontSize;
        _size = LegendPainter.MeasureColumn(entries, fontSize);
        _mode = entries.Count == 0 ? LegendPosition.None : position;
    }

    /// <summary>Pixels the frame must leave free on the right for an outside legend.</summary>
    public double OutsideReserve => _mode == LegendPosition.OutsideRight ? _size.Width + _fontSize : 0;

    /// <summary>Places the legend for this plot area; false means "moved outside, lay out again".</summary>
    public bool TryPlace(Box plot, IReadOnlyList<ProjectedSeries> obstacles)
    {
        var margin = 0.6 * _fontSize;
        switch (_mode)
        {
            case LegendPosition.None:
                return true;
            case LegendPosition.OutsideRight:
                _box = new Box(plot.Right + 0.8 * _fontSize, plot.Y, _size.Width, _size.Height);
                return true;
            case LegendPosition.TopRightInside:
                _box = new Box(plot.Right - margin - _size.Width, plot.Y + margin, _size.Width, _size.Height);
                return true;
        }

        if (_size.Width + 2 * margin <= plot.Width && _size.Height + 2 * margin <= plot.Height)
        {
            ReadOnlySpan<(double X, double Y)> corners =
            [
                (plot.Right - margin - _size.Width, plot.Y + margin),
                (plot.X + margin, plot.Y + margin),
                (plot.Right - margin - _size.Width, plot.Bottom - margin - _size.Height),
                (plot.X + margin, plot.Bottom - margin - _size.Height),
            ];
            foreach (var (x, y) in corners)
            {
                var candidate = new Box(x, y, _size.Width, _size.Height);
                if (!AnyCrosses(candidate.Inflate(2), obstacles))
                {
                    _box = candidate;
                    return true;
                }
            }
        }

        _mode = LegendPosition.OutsideRight;
        return false;
    }

    public void Draw(SvgBuilder svg)
    {
        if (_box is { } box)
            LegendPainter.DrawColumn(svg, box.X, box.Y, _entries, _fontSize);
    }

    private static bool AnyCrosses(Box box, IReadOnlyList<ProjectedSeries> obstacles)
    {
        foreach (var series in obstacles)
        {
            if (series.Crosses(box))
                return true;
        }

        return false;
    }
}
