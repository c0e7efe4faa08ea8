namespace NativeNet.Gradients;

/// <summary>
/// Settings of a <see cref="GradientCheck"/>, named as in <c>torch.autograd.gradcheck</c>. An element
/// passes when <c>|analytic - numerical| &lt;= AbsoluteTolerance + RelativeTolerance · |numerical|</c>.
/// The defaults are torch's and suit double; tight tolerances (rtol ~1e-6) need double precision,
/// and float needs a larger step and looser tolerances (<see cref="ForSingle"/>).
/// </summary>
public sealed record GradientCheckOptions
{
    /// <summary>Settings for float: step 1e-2, atol 1e-3, rtol 1e-2 (float has ~7 digits, and the central difference loses about half).</summary>
    public static GradientCheckOptions ForSingle { get; } = new() { Epsilon = 1e-2, AbsoluteTolerance = 1e-3, RelativeTolerance = 1e-2 };

    /// <summary>
    /// The step h of the central difference <c>(f(v + h) - f(v - h)) / 2h</c>. Its truncation error grows
    /// with h², its rounding error with <c>ε_machine · |f| / h</c>: 1e-6 balances them in double.
    /// </summary>
    public double Epsilon { get; init; } = 1e-6;

    /// <summary>The absolute part of the tolerance (atol).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-5;

    /// <summary>The relative part of the tolerance (rtol), relative to the numerical gradient.</summary>
    public double RelativeTolerance { get; init; } = 1e-3;

    /// <summary>
    /// At most this many elements of each tensor are checked, sampled without repetition from <see cref="Seed"/>;
    /// each element costs two forward passes.
    /// </summary>
    public int MaxElementsPerTensor { get; init; } = int.MaxValue;

    /// <summary>Seeds the random output weights <c>r</c> of a layer check and the element sampling.</summary>
    public ulong Seed { get; init; }

    /// <summary>The forward mode of a layer check: true uses batch statistics in batch norm and masks in dropout.</summary>
    public bool Training { get; init; } = true;

    /// <summary>Throws when a setting cannot work.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A step or tolerance is negative or not finite, or the element limit is not positive.</exception>
    public void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "The finite-difference step must be finite and positive.");
        }

        if (!(AbsoluteTolerance >= 0) || !double.IsFinite(AbsoluteTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, "The absolute tolerance must be finite and non-negative.");
        }

        if (!(RelativeTolerance >= 0) || !double.IsFinite(RelativeTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "The relative tolerance must be finite and non-negative.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxElementsPerTensor);
    }
}
