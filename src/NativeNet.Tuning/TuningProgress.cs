namespace NativeNet.Tuning;

/// <summary>A progress report of a search, sent after every epoch of any trial (reports arrive one at a time, in order).</summary>
/// <param name="TrialsFinished">Trials that stopped (completed, diverged or pruned).</param>
/// <param name="Trials">Trials in the search.</param>
/// <param name="EpochsTrained">Epochs trained so far over all trials.</param>
/// <param name="EpochsPlanned">Epochs the search will train (under successive halving, assuming no trial diverges).</param>
/// <param name="Stage">What is running, for example <c>rung 2/3 (18 epochs)</c> or <c>trials</c>.</param>
public readonly record struct TuningProgress(int TrialsFinished, int Trials, long EpochsTrained, long EpochsPlanned, string Stage)
{
    /// <summary>The fraction of planned epochs done, in [0, 1].</summary>
    public double Fraction => EpochsPlanned > 0 ? Math.Clamp((double)EpochsTrained / EpochsPlanned, 0, 1) : 1;
}
