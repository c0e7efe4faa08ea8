using System.Globalization;
using System.Text;
using NativeNet.IO;

namespace NativeNet.Tuning;

/// <summary>
/// Everything that defines a search: the <see cref="SearchSpace"/> and the settings around it. The defaults are
/// the book's experiment (ch. 6.5): 100 trials on the first 500 training samples, 20% of them held out
/// for validation, lr <c>10^U(-6,-2)</c>, weight decay <c>10^U(-8,-4)</c>, 784-100×6-10, SGD, 50 epochs. Every trial
/// is a pure function of (spec, trial index). Read and written as a small text file, see <see cref="Parse"/>.
/// </summary>
public sealed record SearchSpec
{
    /// <summary>The most trials, and the highest round, a spec may have (a million trials of one epoch is a week of work).</summary>
    public const int MaxTrials = 1_000_000;

    /// <summary>The book's search.</summary>
    public static SearchSpec Default { get; } = new();

    /// <summary>The seed of the validation split and (with <see cref="Round"/> and the trial index) of every trial.</summary>
    public int Seed { get; init; }

    /// <summary>The narrowing round: 0 for the first search, 1 after one narrowing, … (changes the trials' draws, not the split).</summary>
    public int Round { get; init; }

    /// <summary>The number of trials.</summary>
    public int Trials { get; init; } = 100;

    /// <summary>How many samples from the start of the training set the search uses (validation included).</summary>
    public int TrainSamples { get; init; } = 500;

    /// <summary>The fraction of those samples held out for validation, in (0, 1); the rest trains.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>The ranges of the hyperparameters.</summary>
    public SearchSpace Space { get; init; } = SearchSpace.Default;

    /// <summary>The most epochs any trial can train (the budget of successive halving).</summary>
    public int MaxEpochs => Largest(TunableParameters.Epochs);

    /// <summary>The largest value an integer parameter's range can give a trial.</summary>
    private int Largest(TunableParameter parameter) => Space[parameter] switch
    {
        ChoiceRange choice => choice.Choices.Max(c => int.Parse(c, CultureInfo.InvariantCulture)),
        UniformRange uniform => (int)Math.Floor(uniform.Max),
        LogUniformRange log => (int)Math.Round(log.Max, MidpointRounding.AwayFromZero),
        _ => throw new InvalidOperationException("Unknown range type."),
    };

    /// <summary>The hyperparameters of trial <paramref name="trialIndex"/>.</summary>
    public Hyperparameters Sample(int trialIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialIndex);
        return Space.Sample(Seed, Round, trialIndex);
    }

    /// <summary>Throws a clear exception for an invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Space, nameof(Space));
        if (Round is < 0 or > MaxTrials)
        {
            throw new ArgumentOutOfRangeException(nameof(Round), Round, $"The round must be from 0 to {MaxTrials}.");
        }

        if (Trials is < 1 or > MaxTrials)
        {
            throw new ArgumentOutOfRangeException(nameof(Trials), Trials, $"A search has from 1 to {MaxTrials} trials.");
        }

        if (TrainSamples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainSamples), TrainSamples, "A search needs at least 2 samples (one to train, one to validate).");
        }

        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in (0, 1).");
        }

        // A batch larger than the samples would size every trial's workspace for nothing (or beyond an array).
        int batch = Largest(TunableParameters.BatchSize);
        if (batch > TrainSamples)
        {
            throw new ArgumentException($"batch_size can be up to {batch}, more than the {TrainSamples} train_samples of the search.", nameof(Space));
        }
    }

    /// <summary>
    /// Reads a spec: one <c>key = value</c> per line, <c>#</c> starts a comment. Settings: <c>seed</c>, <c>round</c>,
    /// <c>trials</c>, <c>train_samples</c>, <c>validation_fraction</c>. Parameters (<see cref="TunableParameters"/>):
    /// a value (<c>optimizer = sgd</c>), <c>loguniform(min, max)</c>, <c>uniform(min, max)</c> or <c>choice(a, b, …)</c>.
    /// Keys not given keep the defaults of <see cref="Default"/>.
    /// </summary>
    /// <param name="text">The spec text.</param>
    /// <param name="source">How error messages name the text, for example the file name.</param>
    /// <exception cref="InvalidFileFormatException">A line is malformed, a key unknown or repeated, a range empty or
    /// reversed, a log-uniform bound not positive, or a value invalid; the message names the line.</exception>
    public static SearchSpec Parse(string text, string source = "spec") => SpecParser.Parse(text, source);

    /// <summary>Reads the spec file at <paramref name="path"/>; see <see cref="Parse"/>.</summary>
    public static SearchSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The spec as a file <see cref="Parse"/> reads back to an equal spec: every setting and every range.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed = {Seed}\n");
        text.Append(CultureInfo.InvariantCulture, $"round = {Round}\n");
        text.Append(CultureInfo.InvariantCulture, $"trials = {Trials}\n");
        text.Append(CultureInfo.InvariantCulture, $"train_samples = {TrainSamples}\n");
        text.Append(CultureInfo.InvariantCulture, $"validation_fraction = {TunableParameter.FormatNumber(ValidationFraction)}\n");
        text.Append(Space.ToString()).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToText"/> to <paramref name="path"/>, atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllText(path, ToText());
    }
}
