using System.Globalization;

namespace NativeNet.Tuning;

/// <summary>
/// The checkpoints of a search's unfinished trials (<see cref="SearchOptions.CheckpointDirectory"/>):
/// <c>trial-00042.ckpt</c>, written when the search is cancelled, continued by the next search of the same spec and
/// deleted once the trial's result (or the rung's) is passed on. Without a folder it keeps nothing.
/// </summary>
internal sealed class TrialCheckpoints(string? directory, SearchSpec spec, TuningData data)
{
    /// <summary>The file name of trial <paramref name="index"/>'s checkpoint.</summary>
    public static string FileName(int index) => $"trial-{index.ToString("D5", CultureInfo.InvariantCulture)}.ckpt";

    /// <summary>Trial <paramref name="index"/>, continued from its checkpoint when there is one it can use.</summary>
    public TrialSession Open(int index, int maxEpochs) => TrialSession.Open(spec, data, index, PathOf(index), maxEpochs);

    /// <summary>Removes a checkpoint the trial has trained past.</summary>
    public void Delete(int index)
    {
        if (PathOf(index) is string path)
        {
            File.Delete(path);
        }
    }

    /// <summary>Saves every session that can still train (after a cancellation, when no trial is running).</summary>
    public void SaveAll(IEnumerable<TrialSession?> sessions)
    {
        if (directory is null)
        {
            return;
        }

        foreach (var session in sessions)
        {
            if (session is { CanContinue: true })
            {
                session.SaveCheckpoint(PathOf(session.Index)!, spec);
            }
        }
    }

    private string? PathOf(int index) => directory is null ? null : Path.Combine(directory, FileName(index));

    /// <summary>Whether <paramref name="e"/> is the search's cancellation (alone, or all that a parallel loop collected).</summary>
    public static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsCancellation));
}
