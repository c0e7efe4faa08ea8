using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

public class RankingAndNarrowingTests
{
    private static readonly SearchSpec _spec = SearchSpec.Default with { Trials = 10, Seed = 5 };

    private static TrialResult Trial(int index, double accuracy, TrialStopReason reason = TrialStopReason.Completed) =>
        new(index, _spec.Sample(index), [accuracy], [accuracy], accuracy, reason);

    [Fact]
    public void Ranking_is_by_final_validation_accuracy_with_ties_to_the_lower_index_and_pruned_trials_last()
    {
        var report = new TuningReport(_spec,
        [
            Trial(3, 0.70), Trial(0, 0.50), Trial(7, 0.70), Trial(2, 0.90, TrialStopReason.Pruned),
            Trial(5, 0.80), Trial(1, double.NaN, TrialStopReason.Diverged), Trial(9, 0.10, TrialStopReason.Diverged),
        ]);
        Assert.Equal([0, 1, 2, 3, 5, 7, 9], report.Trials.Select(t => t.Index));
        Assert.Equal([5, 3, 7, 0, 9, 1, 2], report.Ranked.Select(t => t.Index));
        Assert.Equal(5, report.Best.Index);
        Assert.Equal(7, report.TotalEpochs);
        Assert.Equal([4, 6, 8], report.MissingTrials);
    }

    [Fact]
    public void The_table_reads_like_the_books()
    {
        var report = new TuningReport(_spec, [Trial(0, 0.78), Trial(1, 0.5, TrialStopReason.Pruned)]);
        var lines = report.FormatBest(20);
        var h = _spec.Sample(0);
        string lr = h.LearningRate.ToString("G2", System.Globalization.CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"Best-1 (val acc: 0.78) | lr: {lr}, weight decay: ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"weight decay: \d(\.\d)?e-0\d$", lines[0]);
        Assert.EndsWith("[pruned after 1 epochs]", lines[1], StringComparison.Ordinal);
        Assert.Single(report.FormatBest(1));
    }

    [Fact]
    public void Reports_reject_repeated_or_foreign_trials()
    {
        Assert.Throws<ArgumentException>(() => new TuningReport(_spec, [Trial(1, 0.5), Trial(1, 0.6)]));
        Assert.Throws<ArgumentException>(() => new TuningReport(_spec, [new TrialResult(10, _spec.Sample(10), [], [], 0, TrialStopReason.Completed)]));
    }

    [Fact]
    public void Narrowing_spans_the_best_trials_in_log_space_padded_rounded_and_clamped()
    {
        var all = Enumerable.Range(0, 10).Select(i => Trial(i, i / 10.0)).ToArray();
        var report = new TuningReport(_spec, all);
        var best = report.Ranked.Take(4).ToArray();
        var narrowed = report.Narrow(4);

        var lr = Assert.IsType<LogUniformRange>(narrowed[TunableParameters.LearningRate]);
        double lowest = best.Min(t => t.Hyperparameters.LearningRate);
        double highest = best.Max(t => t.Hyperparameters.LearningRate);

        // Padding is 5% of the original 4 decades (0.2 decade) on each side, then rounded outward and clamped.
        double expectedMin = Math.Max(1e-6, lowest / Math.Pow(10, 0.2));
        double expectedMax = Math.Min(1e-2, highest * Math.Pow(10, 0.2));
        Assert.InRange(lr.Min, expectedMin * 0.9, expectedMin);
        Assert.InRange(lr.Max, expectedMax, expectedMax * 1.1);
        Assert.True(lr.Min >= 1e-6 && lr.Max <= 1e-2);
        Assert.True(Math.Log10(lr.Max / lr.Min) < 4);
        Assert.Matches(@"^loguniform\(\d(\.\d)?e-0\d, (\d(\.\d)?e-0\d|0\.\d+)\)$", lr.ToSpecText());

        // Fixed parameters stay as they were.
        Assert.Equal(_spec.Space[TunableParameters.Optimizer], narrowed[TunableParameters.Optimizer]);
        Assert.Equal(_spec with { Space = narrowed, Round = 1 }, report.NextRound(4));
    }

    [Fact]
    public void Narrowing_one_trial_with_no_padding_fixes_the_value_and_clamps_to_the_original()
    {
        var trial = Trial(2, 0.9);
        var fixedSpace = RangeNarrowing.Narrow(_spec.Space, [trial], padding: 0);
        Assert.Equal(ChoiceRange.Fixed(trial.Hyperparameters[TunableParameters.LearningRate]), fixedSpace[TunableParameters.LearningRate]);

        var padded = RangeNarrowing.Narrow(_spec.Space, [trial], padding: 1);
        Assert.Equal(_spec.Space[TunableParameters.LearningRate], padded[TunableParameters.LearningRate]);
    }

    [Fact]
    public void Narrowing_choices_and_integers_keeps_what_the_best_used()
    {
        var spec = _spec with
        {
            Space = _spec.Space
                .With(TunableParameters.Optimizer, new ChoiceRange(["sgd", "momentum", "adam", "adagrad"]))
                .With(TunableParameters.Depth, new UniformRange(1, 8)),
        };
        var trials = Enumerable.Range(0, 10).Select(i => new TrialResult(i, spec.Sample(i), [0.5], [0.5], i, TrialStopReason.Completed)).ToArray();
        var report = new TuningReport(spec, trials);
        var best = report.Ranked.Take(3).ToArray();
        var narrowed = report.Narrow(3);

        var optimizers = best.Select(t => t.Optimizer()).Distinct().ToHashSet();
        var choice = narrowed[TunableParameters.Optimizer];
        var names = choice is ChoiceRange c ? c.Choices : [];
        Assert.Equal(optimizers.Order(), names.Order());
        Assert.Equal(names, new[] { "sgd", "momentum", "adam", "adagrad" }.Where(names.Contains)); // original order kept

        var depths = best.Select(t => t.Hyperparameters.Number(TunableParameters.Depth)).ToArray();
        var depth = narrowed[TunableParameters.Depth];
        if (depth is UniformRange u)
        {
            Assert.True(u.Min <= depths.Min() && u.Max >= depths.Max() && u.Min >= 1 && u.Max <= 8);
            Assert.Equal(Math.Floor(u.Min), u.Min);
        }
        else
        {
            Assert.Equal(depths.Min(), depths.Max());
        }
    }

    [Theory]
    [InlineData(0.0012345, 0.0012, 0.0013)]
    [InlineData(0.0099, 0.0099, 0.0099)]
    [InlineData(3.14159e-7, 3.1e-7, 3.2e-7)]
    [InlineData(12.5, 12, 13)]
    public void Bounds_round_outward_to_two_significant_digits(double value, double down, double up)
    {
        Assert.Equal(down, RangeNarrowing.RoundDown(value));
        Assert.Equal(up, RangeNarrowing.RoundUp(value));
    }
}

internal static class TrialResultExtensions
{
    public static string Optimizer(this TrialResult trial) => trial.Hyperparameters.Optimizer;
}
