using NativeNet.Data;

namespace NativeNet.Tuning;

/// <summary>
/// The data every trial of a spec trains and validates on: the first <see cref="SearchSpec.TrainSamples"/> samples
/// of a training set, shuffled with the spec's seed and split by <see cref="SearchSpec.ValidationFraction"/>, as
/// the book does. Built from a training set only: the tuning API never takes a test set, so test data cannot
/// leak into the choice of hyperparameters.
/// </summary>
public sealed class TuningData
{
    private TuningData(LabeledDataset<float> train, LabeledDataset<float> validation)
    {
        Train = train;
        Validation = validation;
    }

    /// <summary>The samples the trials train on.</summary>
    public LabeledDataset<float> Train { get; }

    /// <summary>The held-out samples that rank the trials.</summary>
    public LabeledDataset<float> Validation { get; }

    /// <summary>Takes and splits the samples <paramref name="spec"/> asks for from <paramref name="trainingSet"/>.</summary>
    /// <param name="spec">The search; validated.</param>
    /// <param name="trainingSet">A training set (never the test set), with at least <see cref="SearchSpec.TrainSamples"/> samples.</param>
    /// <exception cref="ArgumentException">The set is too small, or the split leaves a part empty.</exception>
    public static TuningData Prepare(SearchSpec spec, LabeledDataset<float> trainingSet)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(trainingSet);
        spec.Validate();
        if (trainingSet.Count < spec.TrainSamples)
        {
            throw new ArgumentException($"The spec asks for {spec.TrainSamples} training samples, the training set has {trainingSet.Count}.", nameof(trainingSet));
        }

        var (train, validation) = trainingSet.Take(spec.TrainSamples).Split(spec.ValidationFraction, spec.Seed);
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new ArgumentException(
                $"Holding out {spec.ValidationFraction} of {spec.TrainSamples} samples leaves {train.Count} to train and {validation.Count} to validate; both need at least one.",
                nameof(spec));
        }

        return new TuningData(train, validation);
    }
}
