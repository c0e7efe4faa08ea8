using NativeNet.Charts;
using NativeNet.Charts.Layout;

namespace NativeNet.Tests.Charts;

public class MarchingSquaresTests
{
    private static (double[] Values, double[] Xs, double[] Ys) Circle(int resolution)
    {
        var xs = MarchingSquares.Linspace(new ValueRange(-2, 2), resolution);
        var ys = MarchingSquares.Linspace(new ValueRange(-2, 2), resolution);
        return (MarchingSquares.Sample(static (x, y) => x * x + y * y, xs, ys), xs, ys);
    }

    [Fact]
    public void Unit_level_of_x2_plus_y2_lies_on_the_unit_circle()
    {
        var (values, xs, ys) = Circle(81);

        var segments = MarchingSquares.Trace(values, xs, ys, level: 1);

        Assert.True(segments.Count > 60, $"only {segments.Count} segments");
        foreach (var segment in segments)
        {
            foreach (var p in new[] { segment.Start, segment.End })
                Assert.Equal(1, Math.Sqrt(p.X * p.X + p.Y * p.Y), 0.01);
        }
    }

    [Fact]
    public void Unit_circle_contour_goes_all_the_way_round()
    {
        var (values, xs, ys) = Circle(41);
        var segments = MarchingSquares.Trace(values, xs, ys, level: 1);

        var covered = new bool[36];
        foreach (var segment in segments)
        {
            var angle = Math.Atan2(segment.Start.Y, segment.Start.X) + Math.PI;
            covered[Math.Min(35, (int)(angle / (2 * Math.PI) * 36))] = true;
        }

        Assert.All(covered, Assert.True);
    }

    [Fact]
    public void Joined_circle_is_one_closed_polyline()
    {
        var (values, xs, ys) = Circle(41);
        var lines = ContourJoiner.Join(MarchingSquares.Trace(values, xs, ys, level: 1));

        var line = Assert.Single(lines);
        Assert.Equal(line[0], line[^1]);
    }

    [Fact]
    public void Level_outside_the_data_gives_no_segments()
    {
        var (values, xs, ys) = Circle(21);
        Assert.Empty(MarchingSquares.Trace(values, xs, ys, level: 100));
        Assert.Empty(MarchingSquares.Trace(values, xs, ys, level: double.NaN));
    }

    [Fact]
    public void Cells_with_non_finite_samples_are_skipped()
    {
        var (values, xs, ys) = Circle(21);
        values[10 * 21 + 15] = double.NaN;
        var segments = MarchingSquares.Trace(values, xs, ys, level: 1);
        Assert.All(segments, s => Assert.True(double.IsFinite(s.Start.X) && double.IsFinite(s.End.Y)));
    }

    [Fact]
    public void Grid_size_mismatch_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MarchingSquares.Trace(new double[5], new double[2], new double[3], 1));
        Assert.Contains("2 × 3", error.Message, StringComparison.Ordinal);
    }
}
