namespace NativeNet.Gradients;

/// <summary>The result of checking one tensor's gradient (an input or a parameter) element by element.</summary>
/// <param name="Name">The tensor, such as <c>x</c> or <c>W1</c>.</param>
/// <param name="ElementCount">The tensor's number of elements.</param>
/// <param name="ElementsChecked">How many of them were compared (all, or a seeded sample).</param>
/// <param name="WorstAbsoluteError">The largest <c>|analytic - numerical|</c>.</param>
/// <param name="WorstRelativeError">The largest <c>|analytic - numerical| / max(|analytic|, |numerical|)</c> (0 where both are 0).</param>
/// <param name="WorstIndex">The flat index of the element furthest outside (or least inside) its tolerance.</param>
/// <param name="WorstAnalytic">The analytic gradient at <paramref name="WorstIndex"/>.</param>
/// <param name="WorstNumerical">The numerical gradient at <paramref name="WorstIndex"/>.</param>
/// <param name="Passed">True when every checked element was within <c>atol + rtol · |numerical|</c>.</param>
public sealed record GradientCheckEntry(
    string Name,
    int ElementCount,
    int ElementsChecked,
    double WorstAbsoluteError,
    double WorstRelativeError,
    int WorstIndex,
    double WorstAnalytic,
    double WorstNumerical,
    bool Passed);
