using NativeNet.Cli.Experiments;

namespace NativeNet.Tests.Cli;

/// <summary>Each network experiment's finding, checked on the numbers of its quick run on the bundled MNIST sample.</summary>
public class NetworkExperimentTests
{
    [Fact]
    public void Weight_init_std_001_stays_at_ln10_while_he_learns_fastest()
    {
        var result = WeightInitExperiment.Run(ExperimentTestSupport.Quick);
        var small = result.FinalLoss["std=0.01"];
        Assert.InRange(small, 2.25, 2.35);
        Assert.True(result.FinalLoss["He"] < small - 1, $"He {result.FinalLoss["He"]} vs std 0.01 {small}");
        Assert.True(result.FinalLoss["He"] < result.FinalLoss["Xavier"], $"He {result.FinalLoss["He"]} vs Xavier {result.FinalLoss["Xavier"]}");
        Assert.Equal("He", result.Ranking[0]);
        Assert.Equal(WeightInitExperiment.Iterations(quick: true), result.Curves[0].Losses.Length);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    public void Optimizers_on_mnist_sgd_is_slowest()
    {
        var result = OptimizersMnistExperiment.Run(ExperimentTestSupport.Quick);
        Assert.Equal("SGD", result.Ranking[^1]);
        foreach (var other in new[] { "Momentum", "AdaGrad", "Adam" })
            Assert.True(result.FinalLoss["SGD"] > 1.5 * result.FinalLoss[other], $"SGD {result.FinalLoss["SGD"]} vs {other} {result.FinalLoss[other]}");
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    public void Two_layer_net_learns_and_train_and_test_stay_together()
    {
        var result = TwoLayerNetExperiment.Run(ExperimentTestSupport.Quick);
        Assert.True(result.FinalTestAccuracy > 0.85, $"test accuracy {result.FinalTestAccuracy}");
        Assert.InRange(result.TrainAccuracies[^1] - result.TestAccuracies[^1], -0.05, 0.05);
        Assert.True(result.TestAccuracies[^1] > result.TestAccuracies[0] + 0.3);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Batch_norm_learns_at_most_weight_scales_where_plain_does_not()
    {
        var result = BatchNormExperiment.Run(ExperimentTestSupport.Quick);
        var scales = result.Scales.Length;
        var learnedWith = result.WithBatchNorm.Count(a => a.Length > 0 && a[^1] > BatchNormExperiment.LearnedThreshold);
        var learnedWithout = result.Without.Count(a => a.Length > 0 && a[^1] > BatchNormExperiment.LearnedThreshold);
        Assert.True(learnedWith * 2 >= scales, $"with batch norm {learnedWith} of {scales} scales learn");
        Assert.True(learnedWith >= learnedWithout + scales / 4, $"with {learnedWith}, without {learnedWithout} of {scales}");
        // The smallest scales: plain training is stuck at chance, batch norm is not.
        Assert.True(result.Without[^1][^1] < 0.2);
        Assert.True(result.WithBatchNorm[^1][^1] > result.Without[^1][^1] + 0.2);
        ExperimentTestSupport.AssertFiguresAreSvg(result);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Overfitting_gap_is_large_and_weight_decay_and_dropout_narrow_it()
    {
        var plain = OverfittingExperiments.RunOverfitting(ExperimentTestSupport.Quick);
        var decay = OverfittingExperiments.RunWeightDecay(ExperimentTestSupport.Quick);
        var dropout = OverfittingExperiments.RunDropout(ExperimentTestSupport.Quick);

        Assert.Equal(201, plain.TrainAccuracies.Length);
        Assert.Equal(301, dropout.TrainAccuracies.Length);
        Assert.True(plain.FinalTrain >= 0.99, $"train accuracy {plain.FinalTrain}");
        Assert.InRange(plain.FinalTest, 0.6, 0.85);
        Assert.True(plain.FinalGap > 0.15, $"gap {plain.FinalGap}");
        Assert.True(decay.FinalGap < plain.FinalGap - 0.01, $"weight decay gap {decay.FinalGap} vs {plain.FinalGap}");
        Assert.True(decay.FinalTrain < 0.99, $"weight decay train {decay.FinalTrain}");
        Assert.True(dropout.FinalGap < plain.FinalGap - 0.05, $"dropout gap {dropout.FinalGap} vs {plain.FinalGap}");
        Assert.True(dropout.FinalTrain < 0.95, $"dropout train {dropout.FinalTrain}");
        ExperimentTestSupport.AssertFiguresAreSvg(plain);
        ExperimentTestSupport.AssertFiguresAreSvg(decay);
        ExperimentTestSupport.AssertFiguresAreSvg(dropout);
    }
}
