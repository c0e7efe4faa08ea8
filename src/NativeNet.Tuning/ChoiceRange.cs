using NativeNet.Randomness;

namespace NativeNet.Tuning;

/// <summary>
/// One of a list of values, each equally likely: <c>choice(sgd, momentum, adam)</c>. A single choice fixes the
/// value (a plain <c>key = value</c> line in a spec file).
/// </summary>
public sealed record ChoiceRange : SearchRange
{
    private readonly string[] _choices;

    /// <summary>Creates the list; values are kept as given (the spec parser passes canonical text).</summary>
    /// <exception cref="ArgumentException">The list is empty or a value is blank.</exception>
    public ChoiceRange(IEnumerable<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _choices = [.. choices];
        if (_choices.Length == 0)
        {
            throw new ArgumentException("choice(): the list of choices is empty.", nameof(choices));
        }

        foreach (string choice in _choices)
        {
            if (string.IsNullOrWhiteSpace(choice))
            {
                throw new ArgumentException("choice(...): a choice is blank.", nameof(choices));
            }
        }
    }

    /// <summary>The values, in the order given.</summary>
    public IReadOnlyList<string> Choices => _choices;

    /// <inheritdoc/>
    public override bool IsFixed => _choices.Length == 1;

    /// <summary>The range holding only <paramref name="value"/>.</summary>
    public static ChoiceRange Fixed(string value) => new([value]);

    /// <inheritdoc/>
    internal override string Sample(SeededRandom random, TunableParameter parameter) =>
        IsFixed ? _choices[0] : _choices[random.NextInt(_choices.Length)];

    /// <inheritdoc/>
    public override string ToSpecText() => IsFixed ? _choices[0] : $"choice({string.Join(", ", _choices)})";

    /// <summary>Equal when the choices are equal in the same order.</summary>
    public bool Equals(ChoiceRange? other) => other is not null && _choices.AsSpan().SequenceEqual(other._choices);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_choices.Length, _choices[0]);
}
