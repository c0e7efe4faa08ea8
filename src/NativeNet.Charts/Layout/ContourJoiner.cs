namespace NativeNet.Charts.Layout;

/// <summary>
/// Chains contour segments that share an end point into polylines, which halves the SVG size and
/// lets the renderer join corners smoothly. Marching squares gives bit-identical shared points, so
/// exact matching is enough.
/// </summary>
internal static class ContourJoiner
{
    public static List<List<Point2>> Join(IReadOnlyList<LineSegment> segments)
    {
        var byPoint = new Dictionary<Point2, List<int>>();
        for (var s = 0; s < segments.Count; s++)
        {
            Add(byPoint, segments[s].Start, s);
            Add(byPoint, segments[s].End, s);
        }

        var used = new bool[segments.Count];
        var lines = new List<List<Point2>>();
        for (var s = 0; s < segments.Count; s++)
        {
            if (used[s])
                continue;
            used[s] = true;
            var forward = new List<Point2> { segments[s].Start, segments[s].End };
            Extend(forward, segments, byPoint, used);
            var backward = new List<Point2> { segments[s].Start };
            Extend(backward, segments, byPoint, used);
            backward.Reverse();
            backward.RemoveAt(backward.Count - 1);
            backward.AddRange(forward);
            lines.Add(backward);
        }

        return lines;
    }

    /// <summary>Appends unused segments that continue from the last point of <paramref name="line"/>.</summary>
    private static void Extend(List<Point2> line, IReadOnlyList<LineSegment> segments, Dictionary<Point2, List<int>> byPoint, bool[] used)
    {
        while (true)
        {
            var tip = line[^1];
            var next = -1;
            foreach (var candidate in byPoint[tip])
            {
                if (!used[candidate])
                {
                    next = candidate;
                    break;
                }
            }

            if (next < 0)
                return;
            used[next] = true;
            var segment = segments[next];
            line.Add(segment.Start == tip ? segment.End : segment.Start);
        }
    }

    private static void Add(Dictionary<Point2, List<int>> byPoint, Point2 point, int segment)
    {
        if (!byPoint.TryGetValue(point, out var list))
        {
            list = new List<int>(2);
            byPoint[point] = list;
        }

        list.Add(segment);
    }
}
