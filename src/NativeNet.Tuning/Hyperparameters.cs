using System.Globalization;

namespace NativeNet.Tuning;

/// <summary>
/// The values one trial uses: canonical text for every <see cref="TunableParameter"/>, in
/// <see cref="TunableParameters.All"/> order. Text (round-trip numbers) keeps result files exact.
/// </summary>
public sealed class Hyperparameters : IEquatable<Hyperparameters>
{
    private readonly string[] _values;

    internal Hyperparameters(string[] values)
    {
        if (values.Length != TunableParameters.All.Count)
        {
            throw new ArgumentException($"Expected {TunableParameters.All.Count} values, got {values.Length}.", nameof(values));
        }

        _values = values;
    }

    /// <summary>The canonical text of <paramref name="parameter"/>'s value, for example <c>0.0058</c> or <c>sgd</c>.</summary>
    public string this[TunableParameter parameter] => _values[Index(parameter)];

    /// <summary>The values in <see cref="TunableParameters.All"/> order.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>The learning rate.</summary>
    public double LearningRate => Number(TunableParameters.LearningRate);

    /// <summary>The L2 weight decay λ.</summary>
    public double WeightDecay => Number(TunableParameters.WeightDecay);

    /// <summary>The optimizer name.</summary>
    public string Optimizer => this[TunableParameters.Optimizer];

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize => (int)Number(TunableParameters.BatchSize);

    /// <summary>Epochs to train.</summary>
    public int Epochs => (int)Number(TunableParameters.Epochs);

    /// <summary>The number value of a real or integer parameter.</summary>
    /// <exception cref="ArgumentException">The parameter does not hold a number.</exception>
    public double Number(TunableParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!parameter.IsNumeric)
        {
            throw new ArgumentException($"{parameter.Name} is not a number.", nameof(parameter));
        }

        return double.Parse(this[parameter], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Equal when every value's text is equal.</summary>
    public bool Equals(Hyperparameters? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Hyperparameters);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_values[0], _values[1]);

    /// <summary><c>name=value</c> pairs, comma-separated.</summary>
    public override string ToString() => string.Join(", ", TunableParameters.All.Select((p, i) => $"{p.Name}={_values[i]}"));

    private static int Index(TunableParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        for (int i = 0; i < TunableParameters.All.Count; i++)
        {
            if (ReferenceEquals(TunableParameters.All[i], parameter))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{parameter.Name}' is not one of the tunable parameters.", nameof(parameter));
    }
}
