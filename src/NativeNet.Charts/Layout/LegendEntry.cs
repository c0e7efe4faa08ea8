namespace NativeNet.Charts.Layout;

/// <summary>One legend row: the sample line and marker of a series, and its name.</summary>
internal sealed record LegendEntry(string Name, string Color, MarkerShape Marker, LineStyle Line, double LineWidth);
