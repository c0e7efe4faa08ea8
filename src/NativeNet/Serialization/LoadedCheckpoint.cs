using System.Numerics;
using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Randomness;
using NativeNet.Training;

namespace NativeNet.Serialization;

/// <summary>
/// A training run read from a checkpoint (<see cref="CheckpointFile"/>), validated and ready to continue:
/// <see cref="CreateTrainer"/> rebuilds the network, the optimizer and the trainer at the saved position.
/// </summary>
/// <typeparam name="T">The element type of the rebuilt network.</typeparam>
public sealed class LoadedCheckpoint<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly byte[] _model;
    private readonly int _batchCapacity;
    private readonly DataFingerprint _train;
    private readonly DataFingerprint _test;
    private readonly SeededRandomState _dropout;
    private readonly uint _batchFingerprint;
    private readonly string _source;
    private bool _used;

    internal LoadedCheckpoint(
        byte[] model,
        LoadedModel<T> checkedModel,
        int batchCapacity,
        TrainerOptions options,
        DataFingerprint train,
        DataFingerprint test,
        SeededRandomState dropout,
        uint batchFingerprint,
        TrainingHistory history,
        IReadOnlyDictionary<string, string> runOptions,
        string source)
    {
        _model = model;
        _batchCapacity = batchCapacity;
        _train = train;
        _test = test;
        _dropout = dropout;
        _batchFingerprint = batchFingerprint;
        _source = source;
        NetworkOptions = checkedModel.Network.Options;
        OptimizerName = checkedModel.Optimizer!.Name;
        Options = options;
        History = history;
        RunOptions = runOptions;
    }

    /// <summary>The architecture of the network being trained.</summary>
    public NetworkOptions NetworkOptions { get; }

    /// <summary>The optimizer's name ("sgd", "momentum", "adam", ...).</summary>
    public string OptimizerName { get; }

    /// <summary>The trainer's settings of the run (epochs, batch size, seed, sampling).</summary>
    public TrainerOptions Options { get; }

    /// <summary>The history up to the checkpoint; the restored trainer continues it.</summary>
    public TrainingHistory History { get; }

    /// <summary>Iterations done when the checkpoint was written.</summary>
    public long IterationsCompleted => History.Iterations;

    /// <summary>Epochs done (and evaluated) when the checkpoint was written.</summary>
    public int EpochsCompleted => History.TrainAccuracies.Count;

    /// <summary>The application's settings saved with the run (for example the command line's options); empty when none were given.</summary>
    public IReadOnlyDictionary<string, string> RunOptions { get; }

    /// <summary>
    /// The trainer of the saved run, at the saved position: its network, optimizer, history and random state are
    /// those of the run, so <see cref="Trainer{T}.Train"/> continues it bit for bit. Call once per loaded checkpoint.
    /// </summary>
    /// <param name="train">The training data of the run (checked against the checkpoint's fingerprint).</param>
    /// <param name="test">The test data of the run, or null when it had none.</param>
    /// <exception cref="InvalidFileFormatException">The data are not those of the run, or the checkpoint does not fit them.</exception>
    /// <exception cref="InvalidOperationException">A trainer was already created from this checkpoint.</exception>
    public Trainer<T> CreateTrainer(LabeledDataset<T> train, LabeledDataset<T>? test)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (_used)
        {
            throw new InvalidOperationException("A trainer was already created from this checkpoint; load the file again for another.");
        }

        CheckData("training", _train, DataFingerprint.Of(train));
        CheckData("test", _test, DataFingerprint.Of(test));
        // The capacity sizes the workspace: only what the run itself used, never more than its data justify.
        if (_batchCapacity < Options.BatchSize || _batchCapacity > Math.Max(Options.BatchSize, train.Count))
        {
            throw new InvalidFileFormatException($"{_source}: batch capacity {_batchCapacity} is outside [{Options.BatchSize}, {Math.Max(Options.BatchSize, train.Count)}] for batch size {Options.BatchSize} and {train.Count} samples.");
        }

        var model = ModelFile.Deserialize<T>(_model, _source, _batchCapacity);
        var trainer = new Trainer<T>(model.Network, model.Optimizer!, train, test, Options);
        trainer.Restore(History, _dropout, _batchFingerprint, _source);
        _used = true;
        return trainer;
    }

    private void CheckData(string name, DataFingerprint saved, DataFingerprint given)
    {
        if (DataFingerprint.Difference(saved, given) is string difference)
        {
            throw new InvalidFileFormatException($"{_source}: the {name} data differ from the run's: {difference} (checkpoint: {saved.Describe()}; given: {given.Describe()}).");
        }
    }
}
