namespace NativeNet.Tuning;

/// <summary>Counts epochs and finished trials across worker threads and reports them one at a time.</summary>
internal sealed class ProgressTracker(IProgress<TuningProgress>? progress, int trials, long epochsPlanned)
{
    private readonly Lock _gate = new();
    private long _epochs;
    private int _finished;

    public string Stage { get; set; } = "trials";

    public void EpochDone()
    {
        lock (_gate)
        {
            _epochs++;
            Report();
        }
    }

    public void TrialsFinished(int count)
    {
        lock (_gate)
        {
            _finished += count;
            Report();
        }
    }

    private void Report() => progress?.Report(new TuningProgress(_finished, trials, _epochs, epochsPlanned, Stage));
}
