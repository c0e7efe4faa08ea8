using NativeNet.Data;

namespace NativeNet.Training;

/// <summary>The settings of a <see cref="Trainer{T}"/>, as the reference Trainer takes them.</summary>
public sealed record TrainerOptions
{
    /// <summary>The number of epochs; one epoch is <c>max(trainSize / batchSize, 1)</c> iterations (with replacement).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Samples of the training and test sets evaluated after each epoch; <c>null</c> evaluates all of them.</summary>
    public int? EvaluationSampleCount { get; init; }

    /// <summary>The seed of batch sampling.</summary>
    public int Seed { get; init; }

    /// <summary>How mini-batches are drawn: the reference's draw with replacement, or a fresh permutation per epoch.</summary>
    public SamplingMode Sampling { get; init; } = SamplingMode.WithReplacement;

    /// <summary>Throws a clear exception for an invalid setting.</summary>
    public void Validate()
    {
        if (Epochs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be positive.");
        }

        if (BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
        }

        if (EvaluationSampleCount is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EvaluationSampleCount), EvaluationSampleCount, "The number of evaluated samples must be positive (or null for all).");
        }
    }
}
