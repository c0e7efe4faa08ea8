using NativeNet.Data;
using NativeNet.Datasets;
using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

public class SuccessiveHalvingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(3, 0, 50, new[] { 6, 18, 50 })]
    [InlineData(3, 2, 50, new[] { 2, 6, 18, 50 })]
    [InlineData(2, 1, 8, new[] { 1, 2, 4, 8 })]
    [InlineData(3, 0, 1, new[] { 1 })]
    [InlineData(4, 10, 5, new[] { 5 })]
    public void Rungs_grow_by_eta_up_to_the_budget(int eta, int minEpochs, int maxEpochs, int[] expected)
    {
        Assert.Equal(expected, new SuccessiveHalvingOptions { Eta = eta, MinEpochs = minEpochs }.Rungs(maxEpochs));
    }

    [Fact]
    public void The_books_schedule_trains_under_a_third_of_the_epochs()
    {
        // 100 trials at 6 epochs, 34 on to 18, 12 on to 50.
        long planned = SuccessiveHalving.PlannedEpochs(100, new SuccessiveHalvingOptions().Rungs(50), 3);
        Assert.Equal((100 * 6) + (34 * 12) + (12 * 32), planned);
        Assert.True(planned <= 0.3 * 100 * 50);
    }

    [Fact]
    public void Survivors_continue_their_full_search_curves_and_the_others_are_pruned()
    {
        var data = TuningTestSupport.Clusters();
        var spec = TuningTestSupport.SmallSpec(trials: 9);
        var halving = new SuccessiveHalvingOptions { Eta = 3, MinEpochs = 1 };
        var full = HyperparameterSearch.Run(spec, data);
        var halved = HyperparameterSearch.Run(spec, data, new SearchOptions { Halving = halving, MaxDegreeOfParallelism = 2 });

        // Rungs 1, 3, 6 epochs: 9 trials, then 3, then 1.
        Assert.Equal((9 * 1) + (3 * 2) + (1 * 3), halved.TotalEpochs);
        Assert.Equal(1, halved.Trials.Count(t => t.StopReason == TrialStopReason.Completed));
        Assert.Equal(8, halved.Trials.Count(t => t.StopReason == TrialStopReason.Pruned));
        foreach (var trial in halved.Trials)
        {
            var reference = full.Trials[trial.Index];
            Assert.Equal(reference.ValidationAccuracies.Take(trial.EpochsTrained), trial.ValidationAccuracies);
            Assert.Equal(reference.TrainAccuracies.Take(trial.EpochsTrained), trial.TrainAccuracies);
        }

        Assert.Equal(full.Trials[halved.Best.Index], halved.Best);
        var one = HyperparameterSearch.Run(spec, data, new SearchOptions { Halving = halving, MaxDegreeOfParallelism = 1 });
        TuningTestSupport.AssertSameReport(one, halved);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void On_an_mnist_subset_halving_finds_a_trial_as_good_as_the_full_search_with_under_40_percent_of_the_epochs()
    {
        var spec = SearchSpec.Parse("""
            seed = 1
            trials = 27
            train_samples = 300
            validation_fraction = 0.2
            lr = loguniform(1e-4, 1)
            weight_decay = loguniform(1e-8, 1e-4)
            hidden_size = 32
            depth = 2
            batch_size = 60
            epochs = 18
            """);
        LabeledDataset<float> train = TrainingSet();
        var full = HyperparameterSearch.Run(spec, train);
        var halved = HyperparameterSearch.Run(spec, train, new SearchOptions { Halving = new SuccessiveHalvingOptions() });
        double ratio = (double)halved.TotalEpochs / full.TotalEpochs;
        double gap = full.Best.FinalValidationAccuracy - halved.Best.FinalValidationAccuracy;
        output.WriteLine($"full: best {full.Best}, {full.TotalEpochs} epochs");
        output.WriteLine($"halving: best {halved.Best}, {halved.TotalEpochs} epochs ({ratio:P1}), gap {gap:F3}");
        Assert.True(ratio <= 0.4, $"epochs ratio {ratio:F3}");
        Assert.True(gap <= 0.02, $"accuracy gap {gap:F3}");
    }

    /// <summary>The bundled training images only.</summary>
    internal static LabeledDataset<float> TrainingSet()
    {
        using var images = BundledMnist.Open(BundledMnist.FileNames[0]);
        using var labels = BundledMnist.Open(BundledMnist.FileNames[1]);
        return MnistLoader.LoadSet<float>(images, labels);
    }
}
