namespace NativeNet.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>Every planned iteration ran.</summary>
    Completed,

    /// <summary>The cancellation token was triggered; the parameters are those after the last full step.</summary>
    Cancelled,

    /// <summary>
    /// The loss became NaN or infinite; the update that would have used it was not applied. When an earlier
    /// update (from a finite loss) overflowed the parameters, <see cref="TrainingHistory.ParametersFinite"/>
    /// is false and the message names that update.
    /// </summary>
    Diverged,
}
