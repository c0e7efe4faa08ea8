using System.Numerics;
using NativeNet.Gradients;
using NativeNet.Kernels;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Networks;

/// <summary>
/// A fully connected network built from <see cref="NetworkOptions"/>: the layers, one flat parameter
/// store (values, gradients, batch-norm state) and one workspace planned for a batch capacity.
/// <see cref="Gradient"/>, <see cref="Predict"/>, <see cref="Loss"/> and <see cref="Accuracy"/> allocate
/// nothing. Not thread-safe: one network, one thread. To predict on several threads, give each thread an
/// <see cref="InferenceSession{T}"/> (<see cref="CreateSession"/>, or <see cref="CreateSnapshot"/> to keep
/// predicting while the network trains).
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> (fast) or <see cref="double"/> (gradient checks).</typeparam>
public class Network<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly SoftmaxWithLossLayer<T> _loss;
    private readonly DropoutLayer<T>[] _dropouts;
    private readonly LayerRunner<T> _runner;
    private readonly Workspace<T> _workspace;
    private readonly int[] _predictedLabels;
    private readonly SeededRandom _dropoutRandom;

    /// <summary>Builds and initialises the network described by <paramref name="options"/>.</summary>
    /// <param name="options">The architecture; validated.</param>
    /// <param name="batchCapacity">The largest batch a single forward/backward call takes; larger inputs to
    /// <see cref="Predict"/> and <see cref="Accuracy"/> are processed in chunks of this size.</param>
    public Network(NetworkOptions options, int batchCapacity = 100)
        : this(options, batchCapacity, initialize: true)
    {
    }

    /// <summary>Builds the network; <paramref name="initialize"/> false leaves the parameters for a model file to fill.</summary>
    internal Network(NetworkOptions options, int batchCapacity, bool initialize)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        Options = options;

        var random = new SeededRandom(options.Seed);
        var initRandom = random.Fork();
        _dropoutRandom = random.Fork();
        (_layers, _dropouts) = NetworkLayers.Build<T>(options, _dropoutRandom);
        _loss = new SoftmaxWithLossLayer<T>(options.OutputSize, options.CrossEntropyEpsilon);

        var layout = new ParameterLayout();
        var plan = new WorkspacePlan();
        _runner = new LayerRunner<T>(_layers, options.InputSize, layout, plan);
        _loss.Plan(plan);

        Parameters = new ParameterStore<T>(layout);
        _workspace = plan.Build<T>(batchCapacity);
        _runner.Bind(Parameters, _workspace);
        _loss.Bind(_workspace);
        _predictedLabels = new int[batchCapacity];
        if (initialize)
        {
            foreach (var layer in _layers)
            {
                layer.Initialize(initRandom);
            }
        }
    }

    /// <summary>The architecture.</summary>
    public NetworkOptions Options { get; }

    /// <summary>The layers in forward order (without the loss layer).</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>Every parameter, gradient and state value, in flat buffers.</summary>
    public ParameterStore<T> Parameters { get; }

    /// <summary>The largest batch one forward/backward call takes.</summary>
    public int BatchCapacity => _workspace.BatchCapacity;

    /// <summary>Features per input sample.</summary>
    public int InputSize => Options.InputSize;

    /// <summary>The number of classes.</summary>
    public int OutputSize => Options.OutputSize;

    /// <summary>When true, dropout layers reuse their last mask instead of drawing a new one (for gradient checks).</summary>
    public bool DropoutMasksFrozen
    {
        get => _dropouts.Length > 0 && _dropouts[0].ReuseMask;
        set
        {
            foreach (var dropout in _dropouts)
            {
                dropout.ReuseMask = value;
            }
        }
    }

    /// <summary>The generator dropout masks are drawn from; its state goes into training checkpoints.</summary>
    internal SeededRandom DropoutRandom => _dropoutRandom;

    /// <summary>
    /// A session with its own workspace that predicts from this network's parameters, read-only: any number
    /// of sessions (one per thread) may predict at once, as long as nothing writes the parameters meanwhile
    /// (training, <see cref="Initialize"/>, <see cref="ParameterStore{T}.CopyValuesFrom"/>); use
    /// <see cref="CreateSnapshot"/> for that. Predictions equal <see cref="Predict"/>'s bit for bit when the
    /// batch capacities are equal.
    /// </summary>
    /// <param name="batchCapacity">The largest batch one forward pass of the session takes.</param>
    public InferenceSession<T> CreateSession(int batchCapacity = 100) => new(Options, Parameters, batchCapacity);

    /// <summary>
    /// A frozen copy of the current parameters and batch-norm state. Sessions created from it predict with
    /// these values while this network keeps training on another thread.
    /// </summary>
    public NetworkSnapshot<T> CreateSnapshot() => new(Options, Parameters);

    /// <summary>
    /// The class scores (before softmax) of every row of <paramref name="x"/>, written to <paramref name="scores"/>
    /// <c>(N, OutputSize)</c>; any N, processed in chunks of <see cref="BatchCapacity"/>.
    /// </summary>
    public void Predict(ReadOnlyTensorView<T> x, TensorView<T> scores, bool training = false)
    {
        CheckInput(x);
        if (scores.Rows != x.Rows || scores.RowLength != OutputSize)
        {
            throw new ShapeMismatchException($"Predict: scores must be ({x.Rows}, {OutputSize}), got {scores.Shape}.");
        }

        for (int start = 0; start < x.Rows; start += BatchCapacity)
        {
            int n = Math.Min(BatchCapacity, x.Rows - start);
            _runner.Forward(x.SliceRows(start, n), training).CopyTo(scores.SliceRows(start, n));
        }
    }

    /// <summary>The mean loss of a batch (at most <see cref="BatchCapacity"/> rows), including the weight-decay term.</summary>
    /// <exception cref="ShapeMismatchException">The batch is larger than the capacity, or labels do not match.</exception>
    public T Loss(ReadOnlyTensorView<T> x, LabelBatch<T> labels, bool training = false)
    {
        CheckInput(x);
        var scores = _runner.Forward(x, training);
        return _loss.Forward(scores, labels) + WeightDecayLoss();
    }

    /// <summary>The fraction of rows of <paramref name="x"/> whose highest score is the label; any N.</summary>
    public double Accuracy(ReadOnlyTensorView<T> x, LabelBatch<T> labels)
    {
        CheckInput(x);
        labels.Validate(x.Rows, OutputSize, "Accuracy");
        if (x.Rows == 0)
        {
            return 0;
        }

        long correct = 0;
        for (int start = 0; start < x.Rows; start += BatchCapacity)
        {
            int n = Math.Min(BatchCapacity, x.Rows - start);
            var scores = _runner.Forward(x.SliceRows(start, n), training: false);
            Span<int> predicted = _predictedLabels.AsSpan(0, n);
            ElementwiseKernels.ArgMaxRows(scores.Span, n, OutputSize, predicted);
            correct += LabelMatches.Count(predicted, labels, start);
        }

        return (double)correct / x.Rows;
    }

    /// <summary>
    /// Backpropagation: zeroes the gradient buffer, runs a training forward pass and the backward pass over
    /// a batch (at most <see cref="BatchCapacity"/> rows), adds <c>λ·W</c> to weight gradients, and returns the
    /// loss including the weight-decay term. Gradients are then in <see cref="ParameterStore{T}.Gradients"/>.
    /// </summary>
    public T Gradient(ReadOnlyTensorView<T> x, LabelBatch<T> labels)
    {
        CheckInput(x);
        Parameters.ZeroGradients();
        var scores = _runner.Forward(x, training: true);
        T loss = _loss.Forward(scores, labels) + WeightDecayLoss();
        _loss.Backward(scores, labels, _runner.OutputGradient(x.Rows));
        _runner.Backward(x);
        AddWeightDecayGradient();
        return loss;
    }

    /// <summary>
    /// The gradient by central differences (<c>h = 1e-4</c> by default) of <see cref="Loss"/> in training mode with
    /// respect to every parameter, written into the gradient buffer. Slow (two forward passes per parameter):
    /// for gradient checks. Dropout masks are frozen at the last drawn mask while it runs.
    /// </summary>
    public void NumericalGradient(ReadOnlyTensorView<T> x, LabelBatch<T> labels, double h = 1e-4)
    {
        CheckInput(x);
        bool wasFrozen = DropoutMasksFrozen;
        if (!wasFrozen && _dropouts.Length > 0)
        {
            // Draw the masks once so every perturbed evaluation sees the same ones.
            _runner.Forward(x, training: true);
        }

        DropoutMasksFrozen = true;
        try
        {
            var batch = new CopiedBatch<T>(x, labels);
            Func<T> loss = () => Loss(batch.X, batch.Labels, training: true);
            var store = Parameters;
            Span<T> gradients = store.Gradients;
            gradients.Clear();
            foreach (var segment in store.Layout.Parameters)
            {
                var values = store.Values.Slice(segment.Offset, segment.Length);
                var target = gradients.Slice(segment.Offset, segment.Length);
                NumericalDifferentiation.Gradient(loss, values, target, T.CreateTruncating(h));
            }
        }
        finally
        {
            DropoutMasksFrozen = wasFrozen;
        }
    }

    /// <summary><c>0.5·λ·ΣW²</c> over every parameter marked as decayed, the weight matrices (0 without weight decay).</summary>
    public T WeightDecayLoss()
    {
        if (Options.WeightDecay == 0)
        {
            return T.Zero;
        }

        T sum = T.Zero;
        var segments = Parameters.Layout.Parameters;
        for (int i = 0; i < segments.Count; i++) // indexed: a foreach over the interface would allocate its enumerator
        {
            var segment = segments[i];
            if (segment.IsDecayed)
            {
                sum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares<T>(Parameters.Values.Slice(segment.Offset, segment.Length));
            }
        }

        return T.CreateTruncating(0.5 * Options.WeightDecay) * sum;
    }

    /// <summary>Draws fresh initial parameters from <paramref name="seed"/> and clears batch-norm state.</summary>
    public void Initialize(ulong seed)
    {
        var random = new SeededRandom(seed);
        Parameters.State.Clear();
        foreach (var layer in _layers)
        {
            layer.Initialize(random);
        }
    }

    private void AddWeightDecayGradient()
    {
        if (Options.WeightDecay == 0)
        {
            return;
        }

        T lambda = T.CreateTruncating(Options.WeightDecay);
        var segments = Parameters.Layout.Parameters;
        for (int i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.IsDecayed)
            {
                var w = Parameters.Values.Slice(segment.Offset, segment.Length);
                var dw = Parameters.Gradients.Slice(segment.Offset, segment.Length);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(w, lambda, dw, dw);
            }
        }
    }

    private void CheckInput(ReadOnlyTensorView<T> x)
    {
        if (x.Shape.Rank == 0 || x.RowLength != InputSize)
        {
            throw new ShapeMismatchException($"The network takes {InputSize} features per sample, got input of shape {x.Shape}.");
        }
    }
}
