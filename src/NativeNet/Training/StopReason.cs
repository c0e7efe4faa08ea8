namespace NativeNet.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>Every planned iteration ran.</summary>
    Completed,

    /// <summary>The cancellation token was triggered; the parameters are those after the last full step.</summary>
    Cancelled,

    /// <summary>The loss became NaN or infinite; the update that would have used it was not applied.</summary>
    Diverged,
}
