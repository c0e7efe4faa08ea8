using NativeNet.Data;
using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

/// <summary>
/// A search stopped by its cancellation token keeps the result of every trial (or halving rung) that ended and a
/// checkpoint of every trial that would train on; a rerun with those results and checkpoints gives exactly the
/// report of a search that never stopped.
/// </summary>
public sealed class InterruptedSearchTests : IDisposable
{
    private static readonly LabeledDataset<float> _data = TuningTestSupport.Clusters();
    private readonly string _directory = TuningTestSupport.NewDirectory();

    public void Dispose() => TuningTestSupport.DeleteDirectory(_directory);

    [Fact]
    public void A_search_cancelled_mid_trial_keeps_finished_trials_and_a_checkpoint_and_resumes_to_the_same_report()
    {
        var spec = TuningTestSupport.SmallSpec();
        var expected = HyperparameterSearch.Run(spec, _data, new SearchOptions { MaxDegreeOfParallelism = 1 });

        // Two trials of 6 epochs done, the third stopped after its third epoch.
        using var stop = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.EpochsTrained == 15)
            {
                stop.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => HyperparameterSearch.Run(spec, _data, Options(spec, 1), progress, stop.Token));
        Assert.Equal(2, TrialResultFile.FindAll(_directory).Count);
        Assert.Single(Checkpoints());

        var resumed = HyperparameterSearch.Run(spec, _data, Options(spec, 2) with { Finished = Recorded() });
        TuningTestSupport.AssertSameReport(expected, resumed);
        Assert.Empty(Checkpoints());
        Assert.Equal(expected.Trials, Recorded().OrderBy(t => t.Index));
    }

    [Theory]
    [InlineData(4)] // during the first rung: four trials checkpointed after their first epoch
    [InlineData(10)] // during the second rung: one survivor at 3 epochs, two still at 1, all three checkpointed
    public void Successive_halving_cancelled_after_k_trial_rungs_keeps_k_result_files_and_resumes_to_the_same_report(int rungsEnded)
    {
        var spec = TuningTestSupport.SmallSpec(trials: 9);
        var halving = new SuccessiveHalvingOptions { Eta = 3, MinEpochs = 1 };
        var expected = HyperparameterSearch.Run(spec, _data, new SearchOptions { Halving = halving, MaxDegreeOfParallelism = 2 });

        using var stop = new CancellationTokenSource();
        int ended = 0;
        var options = Options(spec, 1) with { Halving = halving };
        var counting = options with
        {
            TrialFinished = result =>
            {
                options.TrialFinished!(result);
                if (++ended == rungsEnded)
                {
                    stop.Cancel();
                }
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => HyperparameterSearch.Run(spec, _data, counting, null, stop.Token));
        Assert.Equal(Math.Min(rungsEnded, 9), TrialResultFile.FindAll(_directory).Count);
        Assert.Equal(rungsEnded < 9 ? rungsEnded : 3, Checkpoints().Length);

        var resumed = HyperparameterSearch.Run(spec, _data, options with { Finished = Recorded(), MaxDegreeOfParallelism = 2 });
        TuningTestSupport.AssertSameReport(expected, resumed);
        Assert.Empty(Checkpoints());
        Assert.Equal(expected.Trials, Recorded().OrderBy(t => t.Index));
    }

    [Fact]
    public void A_search_without_halving_trains_pruned_trials_on_and_halving_reuses_complete_ones()
    {
        var spec = TuningTestSupport.SmallSpec(trials: 9);
        var halving = new SuccessiveHalvingOptions { Eta = 3, MinEpochs = 1 };
        var halved = HyperparameterSearch.Run(spec, _data, new SearchOptions { Halving = halving });
        var full = HyperparameterSearch.Run(spec, _data);
        TuningTestSupport.AssertSameReport(full, HyperparameterSearch.Run(spec, _data, new SearchOptions { Finished = halved.Trials }));
        TuningTestSupport.AssertSameReport(halved, HyperparameterSearch.Run(spec, _data, new SearchOptions { Halving = halving, Finished = full.Trials }));
    }

    [Fact]
    public void A_checkpoint_of_another_trial_is_refused_by_name()
    {
        var spec = TuningTestSupport.SmallSpec();
        using var stop = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.EpochsTrained == 3)
            {
                stop.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => HyperparameterSearch.Run(spec, _data, Options(spec, 1), progress, stop.Token));
        string checkpoint = Assert.Single(Checkpoints());
        File.Move(checkpoint, Path.Combine(_directory, "trial-00005.ckpt"));
        // Thrown on a worker of the parallel loop, so wrapped as any trial's error is.
        var error = Assert.IsType<InvalidFileFormatException>(Assert.Single(Assert.Throws<AggregateException>(() => HyperparameterSearch.Run(spec, _data, Options(spec, 1))).InnerExceptions));
        Assert.Contains("trial-00005.ckpt: not a checkpoint of trial 5 of this search", error.Message, StringComparison.Ordinal);
    }

    private SearchOptions Options(SearchSpec spec, int parallel) => new()
    {
        MaxDegreeOfParallelism = parallel,
        CheckpointDirectory = _directory,
        TrialFinished = result => TrialResultFile.Write(_directory, spec, result),
    };

    private List<TrialResult> Recorded() => [.. TrialResultFile.FindAll(_directory).Select(path => TrialResultFile.Read(path).Result)];

    private string[] Checkpoints() => Directory.GetFiles(_directory, "trial-*.ckpt");

    private sealed class CallbackProgress(Action<TuningProgress> handler) : IProgress<TuningProgress>
    {
        public void Report(TuningProgress value) => handler(value);
    }
}
