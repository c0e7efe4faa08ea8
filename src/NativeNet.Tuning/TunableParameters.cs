using NativeNet.Optimizers;

namespace NativeNet.Tuning;

/// <summary>
/// Every option a search can vary, in the fixed order in which trials sample them and files list them.
/// Defaults are the book's search (ch. 6.5): <c>lr = 10^U(-6,-2)</c>, <c>weight decay = 10^U(-8,-4)</c>,
/// 784-100×6-10 ReLU with He weights, SGD, batch 100, 50 epochs.
/// </summary>
public static class TunableParameters
{
    /// <summary>The learning rate: a number greater than 0.</summary>
    public static TunableParameter LearningRate { get; } = new(
        "lr", "lr", ParameterKind.Real, new LogUniformRange(1e-6, 1e-2), "a number greater than 0", v => Number(v) > 0);

    /// <summary>The L2 weight decay λ: a number of at least 0.</summary>
    public static TunableParameter WeightDecay { get; } = new(
        "weight_decay", "weight decay", ParameterKind.Real, new LogUniformRange(1e-8, 1e-4), "a number of at least 0", v => Number(v) >= 0);

    /// <summary>The update rule, by <see cref="OptimizerFactory"/> name (its default hyperparameters besides lr).</summary>
    public static TunableParameter Optimizer { get; } = new(
        "optimizer", "optimizer", ParameterKind.Text, ChoiceRange.Fixed("sgd"), "one of " + string.Join(", ", OptimizerFactory.Names), v => OptimizerFactory.Names.Contains(v));

    /// <summary>Samples per mini-batch: a whole number from 1 to 1 000 000 (and at most the spec's <c>train_samples</c>, see <see cref="SearchSpec.Validate"/>).</summary>
    public static TunableParameter BatchSize { get; } = new(
        "batch_size", "batch size", ParameterKind.Integer, ChoiceRange.Fixed("100"), "a whole number from 1 to 1000000", v => Number(v) is >= 1 and <= 1_000_000);

    /// <summary>Epochs to train: a whole number from 1 to 100 000.</summary>
    public static TunableParameter Epochs { get; } = new(
        "epochs", "epochs", ParameterKind.Integer, ChoiceRange.Fixed("50"), "a whole number from 1 to 100000", v => Number(v) is >= 1 and <= 100_000);

    /// <summary>The width of every hidden layer: a whole number from 1 to 4096 (the limit of <c>train --hidden</c>).</summary>
    public static TunableParameter HiddenSize { get; } = new(
        "hidden_size", "hidden size", ParameterKind.Integer, ChoiceRange.Fixed("100"), "a whole number from 1 to 4096", v => Number(v) is >= 1 and <= 4096);

    /// <summary>The number of hidden layers: a whole number from 0 (softmax regression) to 100.</summary>
    public static TunableParameter Depth { get; } = new(
        "depth", "depth", ParameterKind.Integer, ChoiceRange.Fixed("6"), "a whole number from 0 to 100", v => Number(v) is >= 0 and <= 100);

    /// <summary>The dropout ratio after each hidden activation: in <c>[0, 1)</c>, 0 for none.</summary>
    public static TunableParameter Dropout { get; } = new(
        "dropout", "dropout", ParameterKind.Real, ChoiceRange.Fixed("0"), "a number in [0, 1)", v => Number(v) is >= 0 and < 1);

    /// <summary>Whether batch normalisation follows each hidden affine layer.</summary>
    public static TunableParameter BatchNorm { get; } = new(
        "batchnorm", "batch norm", ParameterKind.Boolean, ChoiceRange.Fixed("false"), "true or false", _ => true);

    /// <summary>The weight initialisation: he, xavier, or a standard deviation such as 0.01 (<see cref="Networks.WeightInit.Parse"/>).</summary>
    public static TunableParameter WeightInit { get; } = new(
        "init", "init", ParameterKind.Text, ChoiceRange.Fixed("he"), "he, relu, xavier, sigmoid or a standard deviation such as 0.01", IsWeightInit);

    /// <summary>The hidden activation: relu, sigmoid or tanh.</summary>
    public static TunableParameter Activation { get; } = new(
        "activation", "activation", ParameterKind.Text, ChoiceRange.Fixed("relu"), "relu, sigmoid or tanh", v => v is "relu" or "sigmoid" or "tanh");

    /// <summary>All parameters in sampling and file order.</summary>
    public static IReadOnlyList<TunableParameter> All { get; } =
        [LearningRate, WeightDecay, Optimizer, BatchSize, Epochs, HiddenSize, Depth, Dropout, BatchNorm, WeightInit, Activation];

    /// <summary>The parameter called <paramref name="name"/> (exact, lowercase), or null.</summary>
    public static TunableParameter? Find(string name)
    {
        foreach (var parameter in All)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static double Number(string canonical) =>
        TunableParameter.TryNumber(canonical, out double value) ? value : double.NaN;

    private static bool IsWeightInit(string text)
    {
        try
        {
            Networks.WeightInit.Parse(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
