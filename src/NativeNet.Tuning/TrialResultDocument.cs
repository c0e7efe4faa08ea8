namespace NativeNet.Tuning;

/// <summary>
/// The JSON shape of a trial result file (<see cref="TrialResultFile"/>), member for member; serialized by
/// <see cref="TuningJsonContext"/> (source-generated, no reflection). Hyperparameters keep their canonical text
/// (strings), so reading gives back exactly the values the spec draws.
/// </summary>
internal sealed class TrialResultDocument
{
    public required string Format { get; init; }

    public required int Version { get; init; }

    /// <summary>The spec's lines (<see cref="SearchSpec.ToText"/>), so every file stands alone and can be checked against the others.</summary>
    public required IReadOnlyList<string> Spec { get; init; }

    public required int Index { get; init; }

    /// <summary><c>completed</c>, <c>diverged</c> or <c>pruned</c>.</summary>
    public required string Stop { get; init; }

    public required double FinalValidationAccuracy { get; init; }

    /// <summary>Every tunable parameter by name, in <see cref="TunableParameters.All"/> order.</summary>
    public required IReadOnlyDictionary<string, string> Hyperparameters { get; init; }

    public required IReadOnlyList<EpochRecord> Epochs { get; init; }
}

/// <summary>One row of a trial's learning curve.</summary>
internal sealed class EpochRecord
{
    public required int Epoch { get; init; }

    public required double TrainAccuracy { get; init; }

    public required double ValidationAccuracy { get; init; }
}
