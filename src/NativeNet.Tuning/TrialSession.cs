using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Tensors;
using NativeNet.Training;

namespace NativeNet.Tuning;

/// <summary>
/// One trial in progress: its own network, optimizer and trainer (so trials share nothing but read-only data),
/// trained epoch by epoch. Training to epoch 6 and later on to epoch 18 gives exactly the curve of training to
/// 18 at once, which is what lets successive halving continue a trial instead of restarting it.
/// </summary>
internal sealed class TrialSession
{
    private readonly TuningData _data;
    private readonly Trainer<float> _trainer;
    private readonly List<double> _trainAccuracies = [];
    private readonly List<double> _validationAccuracies = [];

    public TrialSession(SearchSpec spec, TuningData data, int index)
    {
        Index = index;
        Hyperparameters = spec.Sample(index);
        _data = data;
        var network = new Network<float>(NetworkOptionsOf(Hyperparameters, data, TrialSeeds.Network(spec.Seed, spec.Round, index)), Hyperparameters.BatchSize);
        var optimizer = OptimizerFactory.Create<float>(Hyperparameters.Optimizer, network.Parameters.Values.Length, Hyperparameters.LearningRate);
        _trainer = new Trainer<float>(network, optimizer, data.Train, data.Validation, new TrainerOptions
        {
            Epochs = Hyperparameters.Epochs,
            BatchSize = Hyperparameters.BatchSize,
            Seed = TrialSeeds.Sampling(spec.Seed, spec.Round, index),
        });
    }

    public int Index { get; }

    public Hyperparameters Hyperparameters { get; }

    /// <summary>The epochs this trial trains in a full search.</summary>
    public int TargetEpochs => Hyperparameters.Epochs;

    public int EpochsTrained => _validationAccuracies.Count;

    public bool Diverged { get; private set; }

    /// <summary>Whether the trial can train further.</summary>
    public bool CanContinue => !Diverged && EpochsTrained < TargetEpochs;

    /// <summary>The validation accuracy now: after the last epoch, or of the parameters kept when the loss diverged.</summary>
    public double ValidationAccuracy { get; private set; } = double.NaN;

    /// <summary>Trains until <paramref name="epochs"/> epochs (capped at <see cref="TargetEpochs"/>) or divergence.</summary>
    /// <param name="epochs">The epoch count to reach.</param>
    /// <param name="epochDone">Called after each epoch (from this thread).</param>
    /// <param name="cancellationToken">Checked between iterations.</param>
    public void TrainTo(int epochs, Action? epochDone, CancellationToken cancellationToken)
    {
        int target = Math.Min(epochs, TargetEpochs);
        while (!Diverged && EpochsTrained < target)
        {
            for (int i = 0; i < _trainer.IterationsPerEpoch; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!double.IsFinite(_trainer.Step()))
                {
                    Diverged = true;
                    ValidationAccuracy = Accuracy(_data.Validation);
                    return;
                }
            }

            _trainAccuracies.Add(Accuracy(_data.Train));
            ValidationAccuracy = Accuracy(_data.Validation);
            _validationAccuracies.Add(ValidationAccuracy);
            epochDone?.Invoke();
        }
    }

    /// <summary>The result so far; <paramref name="pruned"/> marks a trial successive halving stopped early.</summary>
    public TrialResult Result(bool pruned = false)
    {
        var reason = Diverged ? TrialStopReason.Diverged
            : pruned && EpochsTrained < TargetEpochs ? TrialStopReason.Pruned
            : TrialStopReason.Completed;
        return new TrialResult(Index, Hyperparameters, _trainAccuracies, _validationAccuracies, ValidationAccuracy, reason);
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

    private double Accuracy(NativeNet.Data.LabeledDataset<float> set)
    {
        var x = new ReadOnlyTensorView<float>(set.Features, new Shape(set.Count, set.FeatureCount));
        return _trainer.Network.Accuracy(x, LabelBatch<float>.FromIndices(set.Labels));
    }
}
