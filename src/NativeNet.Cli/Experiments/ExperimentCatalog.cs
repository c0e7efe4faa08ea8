namespace NativeNet.Cli.Experiments;

/// <summary>One runnable experiment: its command-line name, a line of description and how to run it.</summary>
internal sealed record ExperimentDefinition(string Name, string Description, Func<ExperimentSettings, ExperimentResult> Run);

/// <summary>Every experiment of the book's ch. 4 and 6 that <c>nativenet experiment</c> reproduces, in the book's order.</summary>
internal static class ExperimentCatalog
{
    public static IReadOnlyList<ExperimentDefinition> All { get; } =
    [
        new(NumericalGradientExperiment.Name, "central differences of 0.01x² + 0.1x with tangents at 5 and 10", NumericalGradientExperiment.Run),
        new(GradientDescentExperiment.Name, "descent paths from (-3, 4) with lr 0.1, 10 and 1e-10", GradientDescentExperiment.Run),
        new(TwoLayerNetExperiment.Name, "ch. 4 TwoLayerNet 784-50-10, SGD lr 0.1, batch 100: train and test accuracy", TwoLayerNetExperiment.Run),
        new(OptimizerPathsExperiment.Name, "SGD, Momentum, AdaGrad and Adam on x²/20 + y²", OptimizerPathsExperiment.Run),
        new(OptimizersMnistExperiment.Name, "SGD, Momentum, AdaGrad and Adam on MNIST, 784-100x4-10, batch 128", OptimizersMnistExperiment.Run),
        new(ActivationHistogramsExperiment.Name, "activation histograms of 5 layers for sigmoid/ReLU/tanh and four weight scales", ActivationHistogramsExperiment.Run),
        new(WeightInitExperiment.Name, "weight init std 0.01 / Xavier / He on MNIST, SGD lr 0.01", WeightInitExperiment.Run),
        new(BatchNormExperiment.Name, "batch norm vs. initial weight scale, 1000 samples, 784-100x5-10", BatchNormExperiment.Run),
        new(OverfittingExperiments.OverfittingName, "300 samples, 784-100x6-10, 201 epochs: train vs. test accuracy", OverfittingExperiments.RunOverfitting),
        new(OverfittingExperiments.WeightDecayName, "the same with weight decay 0.1", OverfittingExperiments.RunWeightDecay),
        new(OverfittingExperiments.DropoutName, "the same with dropout 0.2, 301 epochs", OverfittingExperiments.RunDropout),
    ];

    /// <summary>The names, for help text and error messages.</summary>
    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The experiment called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ExperimentDefinition? Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
