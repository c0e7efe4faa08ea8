namespace NativeNet.Tuning;

/// <summary>
/// A range for every <see cref="TunableParameter"/>, in <see cref="TunableParameters.All"/> order. Parameters
/// not set take their <see cref="TunableParameter.DefaultRange"/>, so <see cref="Default"/> is the book's search.
/// Immutable: <see cref="With"/> returns a new space.
/// </summary>
public sealed class SearchSpace : IEquatable<SearchSpace>
{
    private readonly SearchRange[] _ranges;

    private SearchSpace(SearchRange[] ranges) => _ranges = ranges;

    /// <summary>The book's space: lr <c>10^U(-6,-2)</c>, weight decay <c>10^U(-8,-4)</c>, everything else fixed.</summary>
    public static SearchSpace Default { get; } = new([.. TunableParameters.All.Select(p => p.DefaultRange)]);

    /// <summary>The range of each parameter, in <see cref="TunableParameters.All"/> order.</summary>
    public IReadOnlyList<SearchRange> Ranges => _ranges;

    /// <summary>The range of <paramref name="parameter"/>.</summary>
    public SearchRange this[TunableParameter parameter] => _ranges[IndexOf(parameter)];

    /// <summary>The parameters whose range holds more than one value (the columns of a results table).</summary>
    public IReadOnlyList<TunableParameter> Searched =>
        [.. TunableParameters.All.Where((_, i) => !_ranges[i].IsFixed)];

    /// <summary>
    /// A copy with <paramref name="parameter"/> drawn from <paramref name="range"/>. Numeric bounds must be valid
    /// values of the parameter, choices are brought to canonical form, and only choice lists apply to names.
    /// </summary>
    /// <exception cref="ArgumentException">The range does not fit the parameter (the message says why).</exception>
    public SearchSpace With(TunableParameter parameter, SearchRange range)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(range);
        var ranges = (SearchRange[])_ranges.Clone();
        ranges[IndexOf(parameter)] = Check(parameter, range);
        return new SearchSpace(ranges);
    }

    /// <summary>Draws a value of every parameter for trial <paramref name="trialIndex"/>; see <see cref="TrialSeeds"/>.</summary>
    /// <param name="seed">The search seed.</param>
    /// <param name="round">The narrowing round.</param>
    /// <param name="trialIndex">The trial.</param>
    public Hyperparameters Sample(int seed, int round, int trialIndex)
    {
        var values = new string[_ranges.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // One stream per parameter: fixing or narrowing one range leaves the others' draws unchanged.
            var random = TrialSeeds.ParameterRandom(seed, round, trialIndex, TunableParameters.All[i].Name);
            values[i] = _ranges[i].Sample(random, TunableParameters.All[i]);
        }

        return new Hyperparameters(values);
    }

    /// <summary>Equal when every range is equal.</summary>
    public bool Equals(SearchSpace? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SearchSpace);

    /// <inheritdoc/>
    public override int GetHashCode() => _ranges[0].GetHashCode();

    /// <summary>The <c>name = range</c> lines of a spec file, one per parameter.</summary>
    public override string ToString() => string.Join('\n', TunableParameters.All.Select((p, i) => $"{p.Name} = {_ranges[i].ToSpecText()}"));

    private static int IndexOf(TunableParameter parameter)
    {
        for (int i = 0; i < TunableParameters.All.Count; i++)
        {
            if (ReferenceEquals(TunableParameters.All[i], parameter))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{parameter.Name}' is not one of the tunable parameters.", nameof(parameter));
    }

    private static SearchRange Check(TunableParameter parameter, SearchRange range)
    {
        switch (range)
        {
            case ChoiceRange choice:
                var canonical = new string[choice.Choices.Count];
                for (int i = 0; i < canonical.Length; i++)
                {
                    canonical[i] = parameter.Normalize(choice.Choices[i], out string? error) ?? throw new ArgumentException(error, nameof(range));
                }

                return new ChoiceRange(canonical);
            case LogUniformRange log when parameter.IsNumeric:
                CheckBounds(parameter, log.Min, log.Max, range);
                return range;
            case UniformRange uniform when parameter.IsNumeric:
                CheckBounds(parameter, uniform.Min, uniform.Max, range);
                if (parameter.Kind == ParameterKind.Integer && Math.Floor(uniform.Max) < Math.Ceiling(uniform.Min))
                {
                    throw new ArgumentException($"{parameter.Name} = {range}: the range holds no whole number.", nameof(range));
                }

                return range;
            default:
                throw new ArgumentException($"{parameter.Name} = {range}: {parameter.Name} takes names, so only a value or choice(...) applies.", nameof(range));
        }
    }

    private static void CheckBounds(TunableParameter parameter, double min, double max, SearchRange range)
    {
        if (!parameter.AcceptsBound(min) || !parameter.AcceptsBound(max))
        {
            throw new ArgumentException($"{parameter.Name} = {range}: the bounds must be valid values of {parameter.Name}, {parameter.Rule}.", nameof(range));
        }
    }
}
