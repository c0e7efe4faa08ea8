namespace NativeNet.Charts;

/// <summary>Tick positions along an axis, their labels, and the axis range they were chosen for.</summary>
/// <param name="Values">Tick positions in data units, ascending.</param>
/// <param name="Labels">The text shown at each tick, one per value.</param>
/// <param name="Range">The axis range: for covering ticks it is widened to the outer ticks.</param>
public sealed record TickSet(IReadOnlyList<double> Values, IReadOnlyList<string> Labels, ValueRange Range);
