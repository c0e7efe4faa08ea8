namespace NativeNet.Tuning;

/// <summary>Why a trial stopped training.</summary>
public enum TrialStopReason
{
    /// <summary>It trained all its epochs.</summary>
    Completed,

    /// <summary>The loss became NaN or infinite (usually too large a learning rate); the bad update was not applied.</summary>
    Diverged,

    /// <summary>Successive halving stopped it at a rung because better trials took its place.</summary>
    Pruned,
}
