namespace NativeNet.Tuning;

/// <summary>What kind of value a tunable parameter takes, which decides how ranges are sampled and written.</summary>
public enum ParameterKind
{
    /// <summary>A real number: uniform and log-uniform ranges sample it directly.</summary>
    Real,

    /// <summary>A whole number: a uniform range draws each integer of <c>[min, max]</c> equally often; a log-uniform range rounds its sample.</summary>
    Integer,

    /// <summary>A name from a fixed set (an optimizer, an activation, a weight initialisation); only choice lists apply.</summary>
    Text,

    /// <summary><c>true</c> or <c>false</c>; only choice lists apply.</summary>
    Boolean,
}
