using System.Globalization;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Training;

namespace NativeNet.Tuning;

/// <summary>
/// One trial in progress: its own network, optimizer and <see cref="Trainer{T}"/> (so trials share nothing but
/// read-only data), trained epoch by epoch through <see cref="Trainer{T}.TrainUntil"/>. Training to epoch 6 and
/// later on to epoch 18 gives exactly the curve of training to 18 at once, which is what lets successive halving
/// continue a trial instead of restarting it; and since the trainer does all the steps, a trial can be saved as
/// a checkpoint at any step (<see cref="SaveCheckpoint"/>) and continued bit for bit in another process
/// (<see cref="Open"/>).
/// </summary>
internal sealed class TrialSession
{
    // Run options that tie a checkpoint to its search and trial.
    private const string SpecKey = "tune.spec-crc32";
    private const string TrialKey = "tune.trial";

    private readonly Trainer<float> _trainer;

    private TrialSession(int index, Hyperparameters hyperparameters, Trainer<float> trainer)
    {
        Index = index;
        Hyperparameters = hyperparameters;
        _trainer = trainer;
    }

    public TrialSession(SearchSpec spec, TuningData data, int index)
        : this(index, spec.Sample(index), NewTrainer(spec, data, index))
    {
    }

    public int Index { get; }

    public Hyperparameters Hyperparameters { get; }

    /// <summary>The epochs this trial trains in a full search.</summary>
    public int TargetEpochs => Hyperparameters.Epochs;

    public int EpochsTrained => _trainer.History.TrainAccuracies.Count;

    public bool Diverged => _trainer.History.StopReason == StopReason.Diverged;

    /// <summary>Whether the trial can train further.</summary>
    public bool CanContinue => !Diverged && EpochsTrained < TargetEpochs;

    /// <summary>The validation accuracy now: after the last epoch, or of the parameters kept when the loss diverged.</summary>
    public double ValidationAccuracy
    {
        get
        {
            var history = _trainer.History;
            return Diverged ? history.FinalTestAccuracy
                : history.TestAccuracies.Count > 0 ? history.TestAccuracies[^1]
                : double.NaN;
        }
    }

    /// <summary>
    /// The trial continued from a checkpoint <see cref="SaveCheckpoint"/> wrote, or a new one when there is none or
    /// when it is already past <paramref name="maxEpochs"/> (then the trial is trained again from the start).
    /// </summary>
    /// <exception cref="InvalidFileFormatException">The file is damaged, or the checkpoint of another search, trial or data.</exception>
    public static TrialSession Open(SearchSpec spec, TuningData data, int index, string? checkpointPath, int maxEpochs)
    {
        if (checkpointPath is null || !File.Exists(checkpointPath))
        {
            return new TrialSession(spec, data, index);
        }

        var checkpoint = CheckpointFile.Load<float>(checkpointPath);
        if (!checkpoint.RunOptions.TryGetValue(SpecKey, out string? specCrc) || specCrc != SpecChecksum(spec)
            || !checkpoint.RunOptions.TryGetValue(TrialKey, out string? trial) || trial != index.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidFileFormatException($"{checkpointPath}: not a checkpoint of trial {index} of this search (another spec or trial); delete it to train the trial from the start.");
        }

        var trainer = checkpoint.CreateTrainer(data.Train, data.Validation);
        if (trainer.Options != TrainerOptionsOf(spec, index))
        {
            throw new InvalidFileFormatException($"{checkpointPath}: its trainer settings are not those of trial {index} of this search; delete it to train the trial from the start.");
        }

        var session = new TrialSession(index, spec.Sample(index), trainer);
        return trainer.History.Iterations > (long)Math.Min(maxEpochs, session.TargetEpochs) * trainer.IterationsPerEpoch
            ? new TrialSession(spec, data, index)
            : session;
    }

    /// <summary>Writes the trial's complete state to <paramref name="path"/> atomically (only while it <see cref="CanContinue"/>).</summary>
    public void SaveCheckpoint(string path, SearchSpec spec) =>
        _trainer.SaveCheckpoint(path, new Dictionary<string, string>
        {
            [SpecKey] = SpecChecksum(spec),
            [TrialKey] = Index.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>Trains until <paramref name="epochs"/> epochs (capped at <see cref="TargetEpochs"/>) or divergence.</summary>
    /// <param name="epochs">The epoch count to reach.</param>
    /// <param name="epochDone">Called after each epoch (from this thread).</param>
    /// <param name="cancellationToken">Checked between iterations; the trial stops after the current one and throws
    /// <see cref="OperationCanceledException"/>, its state intact for <see cref="SaveCheckpoint"/>.</param>
    public void TrainTo(int epochs, Action? epochDone, CancellationToken cancellationToken)
    {
        int target = Math.Min(epochs, TargetEpochs);
        if (Diverged || EpochsTrained >= target)
        {
            return;
        }

        _trainer.TrainUntil(target, epochDone is null ? null : new EpochEnds(epochDone), cancellationToken);
        if (!Diverged && EpochsTrained < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The result so far; <paramref name="pruned"/> marks a trial successive halving stopped early.</summary>
    public TrialResult Result(bool pruned = false)
    {
        var reason = Diverged ? TrialStopReason.Diverged
            : pruned && EpochsTrained < TargetEpochs ? TrialStopReason.Pruned
            : TrialStopReason.Completed;
        var history = _trainer.History;
        return new TrialResult(Index, Hyperparameters, history.TrainAccuracies, history.TestAccuracies, ValidationAccuracy, reason);
    }

    /// <summary>The network a trial with these hyperparameters trains, sized for the data.</summary>
    internal static NetworkOptions NetworkOptionsOf(Hyperparameters h, TuningData data, ulong seed)
    {
        int depth = (int)h.Number(TunableParameters.Depth);
        int width = (int)h.Number(TunableParameters.HiddenSize);
        var hidden = new int[depth];
        Array.Fill(hidden, width);
        return new NetworkOptions
        {
            InputSize = data.Train.FeatureCount,
            HiddenSizes = hidden,
            OutputSize = data.Train.ClassCount,
            Activation = h[TunableParameters.Activation] switch
            {
                "sigmoid" => Activation.Sigmoid,
                "tanh" => Activation.Tanh,
                _ => Activation.Relu,
            },
            WeightInit = WeightInit.Parse(h[TunableParameters.WeightInit]),
            WeightDecay = h.WeightDecay,
            DropoutRatio = h.Number(TunableParameters.Dropout),
            UseBatchNorm = h[TunableParameters.BatchNorm] == "true",
            Seed = seed,
        };
    }

    private static Trainer<float> NewTrainer(SearchSpec spec, TuningData data, int index)
    {
        var hyperparameters = spec.Sample(index);
        var network = new Network<float>(NetworkOptionsOf(hyperparameters, data, TrialSeeds.Network(spec.Seed, spec.Round, index)), hyperparameters.BatchSize);
        var optimizer = OptimizerFactory.Create<float>(hyperparameters.Optimizer, network.Parameters.Values.Length, hyperparameters.LearningRate);
        // The validation set is the trainer's "test" set: measured after every epoch, never trained on.
        return new Trainer<float>(network, optimizer, data.Train, data.Validation, TrainerOptionsOf(spec, index));
    }

    private static TrainerOptions TrainerOptionsOf(SearchSpec spec, int index)
    {
        var hyperparameters = spec.Sample(index);
        return new TrainerOptions
        {
            Epochs = hyperparameters.Epochs,
            BatchSize = hyperparameters.BatchSize,
            Seed = TrialSeeds.Sampling(spec.Seed, spec.Round, index),
        };
    }

    private static string SpecChecksum(SearchSpec spec)
    {
        var crc = new Crc32();
        crc.Append(System.Text.Encoding.UTF8.GetBytes(spec.ToText()));
        return crc.Value.ToString("X8", CultureInfo.InvariantCulture);
    }

    /// <summary>Passes the trainer's end-of-epoch reports on as calls; iteration reports are dropped.</summary>
    private sealed class EpochEnds(Action epochDone) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.IsEpochEnd)
            {
                epochDone();
            }
        }
    }
}
