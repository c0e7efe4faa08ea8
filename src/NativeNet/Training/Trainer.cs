using System.Numerics;
using System.Runtime.InteropServices;
using NativeNet.Data;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Randomness;
using NativeNet.Serialization;
using NativeNet.Tensors;

namespace NativeNet.Training;

/// <summary>
/// Trains a <see cref="Network{T}"/> with mini-batch gradient descent, as the reference Trainer does:
/// each iteration draws a batch, computes the gradient by backpropagation and lets the optimizer update
/// the flat parameter buffer; after each epoch it evaluates training accuracy, and test accuracy when it was
/// given a test set (the test set is optional: it is only measured, never trained on). A step allocates
/// nothing. The loss turning NaN or infinite stops training cleanly, before the bad update; an update that
/// overflows the parameters although its loss was finite is caught by the next loss (or a final check)
/// and reported with its iteration (see <see cref="TrainingHistory.ParametersFinite"/>).
/// A trainer remembers where it is: <see cref="Train"/> after a cancellation continues from the next step, and
/// <see cref="SaveCheckpoint"/> writes everything needed to continue in another process
/// (<see cref="CheckpointFile"/>), bit for bit as if the run had never stopped.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Trainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LabeledDataset<T> _train;
    private readonly LabeledDataset<T>? _test;
    private readonly BatchSampler _sampler;
    private readonly int[] _batchIndices;
    private readonly int[] _batchLabels;
    private readonly T[] _batchFeatures;
    private TrainingHistory _history = new();

    /// <summary>
    /// Prepares training without a test set: the history records training accuracy only, and its test
    /// accuracies stay empty (<see cref="TrainingHistory.FinalTestAccuracy"/> NaN). The network's batch capacity
    /// must hold <see cref="TrainerOptions.BatchSize"/>.
    /// </summary>
    /// <param name="network">The network to train.</param>
    /// <param name="optimizer">The optimizer, created for the network's parameter count.</param>
    /// <param name="train">The training data.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="ShapeMismatchException">The data do not fit the network, or the batch exceeds its capacity.</exception>
    public Trainer(Network<T> network, Optimizer<T> optimizer, LabeledDataset<T> train, TrainerOptions options)
        : this(network, optimizer, train, null, options)
    {
    }

    /// <summary>Prepares training; the network's batch capacity must hold <see cref="TrainerOptions.BatchSize"/>.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="optimizer">The optimizer, created for the network's parameter count.</param>
    /// <param name="train">The training data.</param>
    /// <param name="test">The data whose accuracy is measured after every epoch and at the end; null for none.</param>
    /// <param name="options">The settings.</param>
    /// <exception cref="ShapeMismatchException">The data do not fit the network, or the batch exceeds its capacity.</exception>
    public Trainer(Network<T> network, Optimizer<T> optimizer, LabeledDataset<T> train, LabeledDataset<T>? test, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CheckData(network, train, "training");
        if (test is not null)
        {
            CheckData(network, test, "test");
        }

        if (options.BatchSize > network.BatchCapacity)
        {
            throw new ShapeMismatchException($"Batch size {options.BatchSize} exceeds the network's batch capacity {network.BatchCapacity}; build the network with a larger capacity.");
        }

        if (optimizer.ParameterCount != network.Parameters.Values.Length)
        {
            throw new ShapeMismatchException($"The optimizer was created for {optimizer.ParameterCount} parameters, the network's buffer has {network.Parameters.Values.Length}.");
        }

        Network = network;
        Optimizer = optimizer;
        Options = options;
        _train = train;
        _test = test;
        _sampler = new BatchSampler(train.Count, options.BatchSize, options.Sampling, options.Seed);
        _batchIndices = new int[options.BatchSize];
        _batchLabels = new int[options.BatchSize];
        _batchFeatures = new T[options.BatchSize * train.FeatureCount];
        IterationsPerEpoch = _sampler.BatchesPerEpoch;
    }

    /// <summary>The network being trained.</summary>
    public Network<T> Network { get; }

    /// <summary>The optimizer updating the network's parameters.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Iterations per epoch.</summary>
    public int IterationsPerEpoch { get; }

    /// <summary>Iterations planned in all.</summary>
    public long TotalIterations => (long)IterationsPerEpoch * Options.Epochs;

    /// <summary>
    /// The run so far: the losses and accuracies <see cref="Train"/> recorded, continued (not restarted) by the
    /// next call. Its iteration count is the trainer's position.
    /// </summary>
    public TrainingHistory History => _history;

    /// <summary>The training data.</summary>
    internal LabeledDataset<T> TrainingData => _train;

    /// <summary>The test data, or null.</summary>
    internal LabeledDataset<T>? TestData => _test;

    /// <summary>Batches drawn so far, by <see cref="Train"/> and direct <see cref="Step"/> calls alike.</summary>
    internal long BatchesDrawn => _sampler.BatchesDrawn;

    /// <summary>
    /// Writes the trainer's complete state to <paramref name="path"/> atomically (see <see cref="CheckpointFile"/>):
    /// parameters and batch-norm statistics, the optimizer's state and step count, the position, the random
    /// state of batch sampling and dropout, the history so far, the options and <paramref name="runOptions"/>.
    /// Call it between steps (after <see cref="Train"/> returned, or from its progress callback).
    /// </summary>
    /// <param name="path">The checkpoint file; its folder is created when missing.</param>
    /// <param name="runOptions">Settings of the application's own to keep with the run (for example command-line options); null for none.</param>
    /// <exception cref="InvalidOperationException">The run diverged, or steps were taken outside <see cref="Train"/>; the file is not touched.</exception>
    public void SaveCheckpoint(string path, IReadOnlyDictionary<string, string>? runOptions = null) => CheckpointFile.Save(path, this, runOptions);

    /// <summary>
    /// One iteration: gather a batch, backpropagate, and update unless the loss is not finite.
    /// Returns the batch loss (NaN or infinite means the parameters were left unchanged). Allocates nothing.
    /// </summary>
    public double Step()
    {
        int count = _sampler.NextBatch(_batchIndices);
        _train.GatherBatch(_batchIndices.AsSpan(0, count), _batchFeatures.AsSpan(0, count * _train.FeatureCount), _batchLabels.AsSpan(0, count));
        var x = new ReadOnlyTensorView<T>(_batchFeatures.AsSpan(0, count * _train.FeatureCount), new Shape(count, _train.FeatureCount));
        double loss = double.CreateTruncating(Network.Gradient(x, LabelBatch<T>.FromIndices(_batchLabels.AsSpan(0, count))));
        if (double.IsFinite(loss))
        {
            Optimizer.Step(Network.Parameters.Values, Network.Parameters.Gradients);
        }

        return loss;
    }

    /// <summary>
    /// Runs the epochs not yet run, evaluating after each, and returns <see cref="History"/>: all of them for a new
    /// trainer, the rest after a cancellation or when restored from a checkpoint; nothing once the run completed or diverged.
    /// </summary>
    /// <param name="progress">Receives a report after each iteration and each epoch (optional).</param>
    /// <param name="cancellationToken">Stops training after the current iteration.</param>
    public TrainingHistory Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        TrainUntil(Options.Epochs, progress, cancellationToken);

    /// <summary>
    /// <see cref="Train"/> that pauses after epoch <paramref name="epochs"/> (at most <see cref="TrainerOptions.Epochs"/>):
    /// the history then says <see cref="StopReason.Cancelled"/>, and a later call continues exactly as an uninterrupted
    /// run would (a tuning trial trained rung by rung). The trainer stays checkpointable between calls.
    /// </summary>
    internal TrainingHistory TrainUntil(int epochs, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        int endEpoch = Math.Min(epochs, Options.Epochs);
        var history = _history;
        if (history.StopReason == StopReason.Diverged)
        {
            return history; // a diverged run stays stopped: its next batch is the one that overflowed
        }

        history.StopMessage = null;
        history.FinalTestAccuracy = double.NaN;
        history.Losses.Capacity = Math.Max(history.Losses.Capacity, (int)Math.Min(TotalIterations, int.MaxValue));
        double trainAccuracy = history.TrainAccuracies.Count > 0 ? history.TrainAccuracies[^1] : double.NaN;
        double testAccuracy = history.TestAccuracies.Count > 0 ? history.TestAccuracies[^1] : double.NaN;

        // Continue where the last call (or the checkpoint) stopped; every completed epoch is already evaluated.
        int startEpoch = (int)(history.Iterations / IterationsPerEpoch);
        int startIteration = (int)(history.Iterations % IterationsPerEpoch);
        for (int epoch = startEpoch; epoch < endEpoch; epoch++)
        {
            for (int i = epoch == startEpoch ? startIteration : 0; i < IterationsPerEpoch; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    history.StopReason = StopReason.Cancelled;
                    history.StopMessage = $"Cancelled after {history.Iterations} iterations.";
                    return Finish(history);
                }

                double loss = Step();
                if (!double.IsFinite(loss))
                {
                    return Diverged(history, loss, epoch);
                }

                history.Losses.Add(loss);
                progress?.Report(new TrainingProgress(history.Iterations, TotalIterations, epoch, loss, trainAccuracy, testAccuracy, IsEpochEnd: false));
            }

            trainAccuracy = Evaluate(_train);
            history.TrainAccuracies.Add(trainAccuracy);
            if (_test is not null)
            {
                testAccuracy = Evaluate(_test);
                history.TestAccuracies.Add(testAccuracy);
            }

            progress?.Report(new TrainingProgress(history.Iterations, TotalIterations, epoch + 1, history.Losses[^1], trainAccuracy, testAccuracy, IsEpochEnd: true));
        }

        bool paused = history.TrainAccuracies.Count < Options.Epochs;
        history.StopReason = paused ? StopReason.Cancelled : StopReason.Completed;
        history.StopMessage = paused ? $"Paused after epoch {history.TrainAccuracies.Count} of {Options.Epochs}." : null;
        return Finish(history);
    }

    /// <summary>
    /// A checksum of the last batch's sample indices: the checkpoint keeps it so a restore can prove that
    /// replaying the sampler reached exactly the saved position.
    /// </summary>
    internal uint BatchFingerprint()
    {
        var crc = new Crc32();
        crc.Append(MemoryMarshal.AsBytes(_batchIndices.AsSpan()));
        return crc.Value;
    }

    /// <summary>
    /// Puts a new trainer where a checkpoint left its run: the history so far, the dropout generator, and the
    /// batch sampler (replayed, since <see cref="Random"/> exposes no state, and checked against the fingerprint).
    /// </summary>
    /// <exception cref="InvalidFileFormatException">The history does not fit these data, or the replay does not reach the saved batch.</exception>
    internal void Restore(TrainingHistory history, SeededRandomState dropoutState, uint batchFingerprint, string source)
    {
        long iterations = history.Iterations;
        if (iterations > TotalIterations)
        {
            throw new InvalidFileFormatException($"{source}: the checkpoint ran {iterations} iterations, more than the {TotalIterations} of {Options.Epochs} epochs of {IterationsPerEpoch} on these data.");
        }

        if (history.TrainAccuracies.Count != iterations / IterationsPerEpoch)
        {
            throw new InvalidFileFormatException($"{source}: the checkpoint has {history.TrainAccuracies.Count} evaluated epochs after {iterations} iterations, but an epoch on these data is {IterationsPerEpoch} iterations.");
        }

        if (history.TestAccuracies.Count != (_test is null ? 0 : history.TrainAccuracies.Count))
        {
            throw new InvalidFileFormatException($"{source}: the checkpoint has {history.TestAccuracies.Count} test accuracies for {history.TrainAccuracies.Count} epochs{(_test is null ? " and no test set was given" : string.Empty)}.");
        }

        for (long i = 0; i < iterations; i++)
        {
            _sampler.NextBatch(_batchIndices);
        }

        if (iterations > 0 && BatchFingerprint() != batchFingerprint)
        {
            throw new InvalidFileFormatException($"{source}: replaying the batch sampler did not reach the checkpoint's last batch; the training data or the sampler differ from the run that wrote it.");
        }

        Network.DropoutRandom.Restore(dropoutState);
        _history = history;
    }

    /// <summary>
    /// Stops on a non-finite loss. Step never applies such an update, but the update before it, computed
    /// from a finite loss, can itself have overflowed the parameters (a huge learning rate times a finite
    /// gradient): the scan, only on this path, tells the two apart so the message blames the right step.
    /// </summary>
    private TrainingHistory Diverged(TrainingHistory history, double loss, int epoch)
    {
        long iteration = history.Iterations + 1;
        history.StopReason = StopReason.Diverged;
        string? nonFinite = Network.Parameters.DescribeFirstNonFinite();
        if (nonFinite is null)
        {
            history.StopMessage = $"The loss became {loss} at iteration {iteration} (epoch {epoch + 1}); training stopped before applying that update. Try a smaller learning rate.";
        }
        else
        {
            history.ParametersFinite = false;
            history.StopMessage = history.Iterations == 0
                ? $"The parameters were not finite before training ({nonFinite}); the loss at iteration 1 is {loss}."
                : $"The update of iteration {history.Iterations} (loss {history.Losses[^1]}) overflowed the parameters ({nonFinite}), so the loss at iteration {iteration} (epoch {epoch + 1}) is {loss}. The parameters are unusable: reload the last saved model and try a smaller learning rate.";
        }

        return Finish(history);
    }

    private TrainingHistory Finish(TrainingHistory history)
    {
        // The last update has no next loss to reveal an overflow: check the parameters once at the end.
        string? nonFinite = history.ParametersFinite ? Network.Parameters.DescribeFirstNonFinite() : null;
        if (nonFinite is not null)
        {
            history.ParametersFinite = false;
            history.StopReason = StopReason.Diverged;
            history.StopMessage = $"The update of iteration {history.Iterations} (loss {history.Losses[^1]}) overflowed the parameters ({nonFinite}). The parameters are unusable: reload the last saved model and try a smaller learning rate.";
        }

        if (_test is not null)
        {
            history.FinalTestAccuracy = Accuracy(_test, _test.Count);
        }

        return history;
    }

    private double Evaluate(LabeledDataset<T> data) => Accuracy(data, Math.Min(Options.EvaluationSampleCount ?? data.Count, data.Count));

    private double Accuracy(LabeledDataset<T> data, int count)
    {
        var x = new ReadOnlyTensorView<T>(data.Features.AsSpan(0, count * data.FeatureCount), new Shape(count, data.FeatureCount));
        return Network.Accuracy(x, LabelBatch<T>.FromIndices(data.Labels.AsSpan(0, count)));
    }

    private static void CheckData(Network<T> network, LabeledDataset<T> data, string name)
    {
        if (data.FeatureCount != network.InputSize)
        {
            throw new ShapeMismatchException($"The {name} data have {data.FeatureCount} features per sample, the network takes {network.InputSize}.");
        }

        if (data.ClassCount > network.OutputSize)
        {
            throw new ShapeMismatchException($"The {name} data have {data.ClassCount} classes, the network outputs {network.OutputSize}.");
        }
    }
}
