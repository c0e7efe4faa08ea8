using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Networks;

/// <summary>
/// Inference over a network's parameters with layers and a workspace of its own, so that several sessions
/// can predict at the same time on several threads from one set of weights. A session reads the
/// <see cref="ParameterStore{T}"/> it was created over and never writes to it: the layers run in inference
/// mode only (batch normalisation uses the running statistics, dropout scales deterministically), and every
/// intermediate value lives in the session's workspace. Calls allocate nothing.
/// </summary>
/// <remarks>
/// One session belongs to one thread at a time; create one per thread. Sessions created by
/// <see cref="Network{T}.CreateSession"/> read the network's live parameters, so the network must not be
/// trained, re-initialised or loaded into while they predict (the weights would change under them, torn);
/// to keep predicting while training goes on, take a <see cref="Network{T}.CreateSnapshot"/> and create
/// sessions from it. Large products (see <see cref="Gemm.MaxDegreeOfParallelism"/>) are split across
/// <see cref="Gemm"/>'s worker threads; that pool runs one product at a time, so with several concurrent sessions
/// the others compute their products on their own thread (same bits, no waiting).
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class InferenceSession<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerRunner<T> _runner;
    private readonly Workspace<T> _workspace;
    private readonly int[] _predictedLabels; // (batchCapacity) scratch of Accuracy
    private readonly NetworkOptions? _options;
    private readonly ILayer<T>[] _layers;

    /// <summary>Builds the layers of <paramref name="options"/> and binds them to <paramref name="parameters"/> and a new workspace.</summary>
    internal InferenceSession(NetworkOptions options, ParameterStore<T> parameters, int batchCapacity)
        // Dropout layers take a generator, but an inference forward never draws from it.
        : this(NetworkLayers.Build<T>(options, new SeededRandom(0)).Layers, options.InputSize, options, options.Describe(), parameters, batchCapacity)
    {
    }

    /// <summary>Binds <paramref name="layers"/> (new, unbound ones) to <paramref name="parameters"/> and a new workspace.</summary>
    internal InferenceSession(ILayer<T>[] layers, int inputSize, NetworkOptions? options, string description, ParameterStore<T> parameters, int batchCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        _options = options;
        _layers = layers;
        InputSize = inputSize;
        OutputSize = layers[^1].OutputLength;

        var layout = new ParameterLayout();
        var plan = new WorkspacePlan();
        _runner = new LayerRunner<T>(layers, inputSize, layout, plan);

        // The same layers plan the same layout, so the handles the layers got index the shared store.
        if (layout.ParameterBufferLength != parameters.Layout.ParameterBufferLength || layout.StateBufferLength != parameters.Layout.StateBufferLength)
        {
            throw new ShapeMismatchException($"The parameters ({parameters.Layout.ParameterBufferLength}/{parameters.Layout.StateBufferLength} values/state) do not belong to a {description} network ({layout.ParameterBufferLength}/{layout.StateBufferLength}).");
        }

        _workspace = plan.Build<T>(batchCapacity);
        _runner.Bind(parameters, _workspace);

        _predictedLabels = new int[batchCapacity];
    }

    /// <summary>The architecture of a session made by a <see cref="Network{T}"/> or <see cref="NetworkSnapshot{T}"/>.</summary>
    /// <exception cref="InvalidOperationException">The session belongs to a <see cref="SequentialNetwork{T}"/>, which has no options: see <see cref="Layers"/>.</exception>
    public NetworkOptions Options => _options ?? throw new InvalidOperationException("This session runs a hand-built layer list (SequentialNetwork), which has no NetworkOptions; see Layers.");

    /// <summary>The layers the session runs, in forward order (the list it was built from, before any fusion).</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>The largest batch one forward pass takes; larger inputs are processed in chunks of this size.</summary>
    public int BatchCapacity => _workspace.BatchCapacity;

    /// <summary>Features per input sample.</summary>
    public int InputSize { get; }

    /// <summary>The number of classes (values per output sample).</summary>
    public int OutputSize { get; }

    /// <summary>
    /// The class scores (before softmax) of every row of <paramref name="x"/>, written to <paramref name="scores"/>
    /// <c>(N, OutputSize)</c>; any N, processed in chunks of <see cref="BatchCapacity"/>. Bit for bit what
    /// <see cref="Network{T}.Predict"/> returns for the same parameters and batch capacity.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The input width or the score shape is wrong.</exception>
    public void Predict(ReadOnlyTensorView<T> x, TensorView<T> scores)
    {
        CheckInput(x);
        if (scores.Rows != x.Rows || scores.RowLength != OutputSize)
        {
            throw new ShapeMismatchException($"Predict: scores must be ({x.Rows}, {OutputSize}), got {scores.Shape}.");
        }

        for (int start = 0; start < x.Rows; start += BatchCapacity)
        {
            int n = Math.Min(BatchCapacity, x.Rows - start);
            _runner.Forward(x.SliceRows(start, n), training: false).CopyTo(scores.SliceRows(start, n));
        }
    }

    /// <summary>The most likely class of every row of <paramref name="x"/> (the first on ties); any N.</summary>
    /// <exception cref="ShapeMismatchException">The input width is wrong, or <paramref name="labels"/> does not have one entry per row.</exception>
    public void PredictLabels(ReadOnlyTensorView<T> x, Span<int> labels)
    {
        CheckInput(x);
        if (labels.Length != x.Rows)
        {
            throw new ShapeMismatchException($"PredictLabels: {x.Rows} samples but room for {labels.Length} labels.");
        }

        for (int start = 0; start < x.Rows; start += BatchCapacity)
        {
            int n = Math.Min(BatchCapacity, x.Rows - start);
            var scores = _runner.Forward(x.SliceRows(start, n), training: false);
            ElementwiseKernels.ArgMaxRows(scores.Span, n, OutputSize, labels.Slice(start, n));
        }
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
            Span<int> predicted = _predictedLabels.AsSpan(0, n);
            ElementwiseKernels.ArgMaxRows(_runner.Forward(x.SliceRows(start, n), training: false).Span, n, OutputSize, predicted);
            correct += LabelMatches.Count(predicted, labels, start);
        }

        return (double)correct / x.Rows;
    }

    private void CheckInput(ReadOnlyTensorView<T> x)
    {
        if (x.Shape.Rank == 0 || x.RowLength != InputSize)
        {
            throw new ShapeMismatchException($"The network takes {InputSize} features per sample, got input of shape {x.Shape}.");
        }
    }
}
