namespace NativeNet.Training;

/// <summary>What a training run recorded: the loss of every iteration and the accuracies of every epoch.</summary>
public sealed class TrainingHistory
{
    /// <summary>The mini-batch loss of every iteration (before that iteration's update).</summary>
    public List<double> Losses { get; } = [];

    /// <summary>The training accuracy after each epoch.</summary>
    public List<double> TrainAccuracies { get; } = [];

    /// <summary>The test accuracy after each epoch; empty when the trainer has no test set.</summary>
    public List<double> TestAccuracies { get; } = [];

    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; internal set; }

    /// <summary>A sentence for the user when training did not complete (for example the iteration and value of a NaN loss).</summary>
    public string? StopMessage { get; internal set; }

    /// <summary>
    /// False when training stopped because an update overflowed the parameters to NaN or infinity: the
    /// network is then unusable (and <see cref="Serialization.ModelFile"/> refuses to save it).
    /// </summary>
    public bool ParametersFinite { get; internal set; } = true;

    /// <summary>The accuracy on the whole test set after training; NaN when the trainer has no test set.</summary>
    public double FinalTestAccuracy { get; internal set; } = double.NaN;

    /// <summary>Iterations completed.</summary>
    public long Iterations => Losses.Count;
}
