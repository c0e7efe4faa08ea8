using System.Globalization;

namespace NativeNet.Networks;

/// <summary>
/// How initial weights are scaled: a fixed standard deviation, or by name as the reference does:
/// <c>"he"</c>/<c>"relu"</c> → <c>√(2 / fan_in)</c>, <c>"xavier"</c>/<c>"sigmoid"</c> → <c>√(1 / fan_in)</c>.
/// </summary>
public readonly record struct WeightInit
{
    private WeightInit(WeightInitKind kind, double std)
    {
        Kind = kind;
        FixedStd = std;
    }

    /// <summary>Which rule applies.</summary>
    public WeightInitKind Kind { get; }

    /// <summary>The standard deviation when <see cref="Kind"/> is <see cref="WeightInitKind.Fixed"/>.</summary>
    public double FixedStd { get; }

    /// <summary>He initialisation, <c>√(2 / fan_in)</c>: keeps ReLU activations spread.</summary>
    public static WeightInit He => new(WeightInitKind.He, 0);

    /// <summary>Xavier initialisation, <c>√(1 / fan_in)</c>: keeps sigmoid and tanh activations spread.</summary>
    public static WeightInit Xavier => new(WeightInitKind.Xavier, 0);

    /// <summary>A fixed standard deviation, such as the book's 0.01.</summary>
    public static WeightInit Std(double std)
    {
        if (!double.IsFinite(std) || std < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "A weight standard deviation must be finite and non-negative.");
        }

        return new(WeightInitKind.Fixed, std);
    }

    /// <summary>Parses <c>he</c>, <c>relu</c>, <c>xavier</c>, <c>sigmoid</c> (any case) or a number such as <c>0.01</c>.</summary>
    /// <exception cref="ArgumentException">The text is neither a known name nor a non-negative number.</exception>
    public static WeightInit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToLowerInvariant())
        {
            case "he":
            case "relu":
                return He;
            case "xavier":
            case "sigmoid":
                return Xavier;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double std) && double.IsFinite(std) && std >= 0)
        {
            return Std(std);
        }

        throw new ArgumentException($"Unknown weight initialisation '{text}': use he, relu, xavier, sigmoid or a non-negative standard deviation such as 0.01.", nameof(text));
    }

    /// <summary>The standard deviation for a layer with <paramref name="fanIn"/> inputs.</summary>
    public double StdFor(int fanIn) => Kind switch
    {
        WeightInitKind.He => Math.Sqrt(2.0 / fanIn),
        WeightInitKind.Xavier => Math.Sqrt(1.0 / fanIn),
        _ => FixedStd,
    };

    /// <summary>The text <see cref="Parse"/> reads back.</summary>
    public override string ToString() => Kind switch
    {
        WeightInitKind.He => "he",
        WeightInitKind.Xavier => "xavier",
        _ => FixedStd.ToString("R", CultureInfo.InvariantCulture),
    };
}

/// <summary>The rules of <see cref="WeightInit"/>.</summary>
public enum WeightInitKind
{
    /// <summary>A fixed standard deviation.</summary>
    Fixed,

    /// <summary><c>√(2 / fan_in)</c>.</summary>
    He,

    /// <summary><c>√(1 / fan_in)</c>.</summary>
    Xavier,
}
