namespace NativeNet.Tuning;

/// <summary>
/// What one trial did: its hyperparameters, training and validation accuracy after every epoch, the final
/// validation accuracy (which ranks trials), the epochs trained and why it stopped. Equal results have equal
/// values bit for bit (accuracies included), which is what makes merged result files comparable to a local run.
/// </summary>
public sealed class TrialResult : IEquatable<TrialResult>
{
    private readonly double[] _trainAccuracies;
    private readonly double[] _validationAccuracies;

    /// <summary>Creates a result; the two accuracy lists must be equally long (one entry per epoch trained).</summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public TrialResult(
        int index,
        Hyperparameters hyperparameters,
        IEnumerable<double> trainAccuracies,
        IEnumerable<double> validationAccuracies,
        double finalValidationAccuracy,
        TrialStopReason stopReason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(trainAccuracies);
        ArgumentNullException.ThrowIfNull(validationAccuracies);
        _trainAccuracies = [.. trainAccuracies];
        _validationAccuracies = [.. validationAccuracies];
        if (_trainAccuracies.Length != _validationAccuracies.Length)
        {
            throw new ArgumentException($"Trial {index}: {_trainAccuracies.Length} training but {_validationAccuracies.Length} validation accuracies.", nameof(validationAccuracies));
        }

        Index = index;
        Hyperparameters = hyperparameters;
        FinalValidationAccuracy = finalValidationAccuracy;
        StopReason = stopReason;
    }

    /// <summary>The trial index within its spec.</summary>
    public int Index { get; }

    /// <summary>The values this trial used.</summary>
    public Hyperparameters Hyperparameters { get; }

    /// <summary>The training-set accuracy after each epoch.</summary>
    public IReadOnlyList<double> TrainAccuracies => _trainAccuracies;

    /// <summary>The validation accuracy after each epoch.</summary>
    public IReadOnlyList<double> ValidationAccuracies => _validationAccuracies;

    /// <summary>The validation accuracy when training stopped (after the last epoch, or before the diverging update).</summary>
    public double FinalValidationAccuracy { get; }

    /// <summary>Epochs completed.</summary>
    public int EpochsTrained => _validationAccuracies.Length;

    /// <summary>Why training stopped.</summary>
    public TrialStopReason StopReason { get; }

    /// <summary>Equal when every field is equal (accuracies compared exactly).</summary>
    public bool Equals(TrialResult? other) =>
        other is not null
        && Index == other.Index
        && Hyperparameters.Equals(other.Hyperparameters)
        && _trainAccuracies.AsSpan().SequenceEqual(other._trainAccuracies)
        && _validationAccuracies.AsSpan().SequenceEqual(other._validationAccuracies)
        && FinalValidationAccuracy.Equals(other.FinalValidationAccuracy)
        && StopReason == other.StopReason;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TrialResult);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, FinalValidationAccuracy, EpochsTrained);

    /// <summary>A one-line summary.</summary>
    public override string ToString() => $"trial {Index}: val acc {FinalValidationAccuracy:0.####} after {EpochsTrained} epochs ({StopReason}) | {Hyperparameters}";
}
