using System.Globalization;
using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

/// <summary>The book's search (ch. 6.5) on the bundled MNIST training images.</summary>
[Trait("Category", "Slow")]
public class BookSearchTests(ITestOutputHelper output)
{
    // One full search (about 45 s on two busy cores) serves both tests.
    private static readonly Lazy<TuningReport> _fullSearch = new(() => HyperparameterSearch.Run(SearchSpec.Default, SuccessiveHalvingTests.TrainingSet()));

    [Fact]
    public void The_books_search_finds_learning_rates_near_1e_3_to_1e_2_and_75_percent_validation_accuracy()
    {
        var report = _fullSearch.Value;
        foreach (string line in report.FormatBest(20))
        {
            output.WriteLine(line);
        }

        output.WriteLine($"narrowed (best 10): {report.Narrow(10)}");
        Assert.Equal(100 * 50, report.TotalEpochs);
        Assert.True(report.Best.FinalValidationAccuracy >= 0.75, report.Best.ToString());

        // The best trials learn with lr of about 1e-3…1e-2 (the bottom of the range barely moves the weights in 200 steps).
        var best5 = report.Ranked.Take(5).ToArray();
        Assert.All(best5, t => Assert.InRange(t.Hyperparameters.LearningRate, 7e-4, 1e-2));
        Assert.All(report.Trials.Where(t => t.Hyperparameters.LearningRate < 1e-5), t => Assert.True(t.FinalValidationAccuracy < 0.5, t.ToString()));
    }

    [Fact]
    public void Successive_halving_on_the_books_search_keeps_the_best_trial_for_under_40_percent_of_the_epochs()
    {
        var full = _fullSearch.Value;
        var halved = HyperparameterSearch.Run(SearchSpec.Default, SuccessiveHalvingTests.TrainingSet(), new SearchOptions { Halving = new SuccessiveHalvingOptions() });
        double ratio = (double)halved.TotalEpochs / full.TotalEpochs;
        double gap = full.Best.FinalValidationAccuracy - halved.Best.FinalValidationAccuracy;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full: {full.TotalEpochs} epochs, best {full.Best}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"halving: {halved.TotalEpochs} epochs ({ratio:P1}), best {halved.Best}, gap {gap:F3}"));
        Assert.True(ratio <= 0.4);
        Assert.True(gap <= 0.02);
    }
}
