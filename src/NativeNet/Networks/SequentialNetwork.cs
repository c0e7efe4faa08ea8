using System.Numerics;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;

namespace NativeNet.Networks;

/// <summary>
/// A network built by hand from an ordered list of layers, like PyTorch's <c>nn.Sequential</c>: the ONNX importer
/// builds one, and users can too. It owns the parameter store of its layers and makes
/// <see cref="InferenceSession{T}"/>s that predict from it (allocation-free, one per thread).
/// </summary>
/// <remarks>
/// A layer binds to one workspace, so each session needs layers of its own: the network takes a function that
/// builds the list, and calls it once for itself and once per session. Every call must return new layers of the
/// same types, sizes and parameter names in the same order (the sessions find their parameters by position in
/// the shared store).
/// </remarks>
/// <example>
/// <code>
/// var net = new SequentialNetwork&lt;float&gt;(784, () =>
/// [
///     new AffineLayer&lt;float&gt;(784, 100, 0.01, "W1", "b1"),
///     new LeakyReluLayer&lt;float&gt;(100),
///     new AffineLayer&lt;float&gt;(100, 10, 0.01, "W2", "b2"),
/// ]);
/// var session = net.CreateSession();
/// </code>
/// </example>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SequentialNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<IReadOnlyList<ILayer<T>>> _buildLayers;
    private readonly ILayer<T>[] _layers;

    /// <summary>Builds the layers, checks that each one's input width is the previous one's output width, and initialises them from <paramref name="seed"/>.</summary>
    /// <param name="inputSize">Features per input sample: the first layer's input width.</param>
    /// <param name="buildLayers">Returns a new list of new layers on every call (see the remarks).</param>
    /// <param name="seed">Seeds the initial weights.</param>
    /// <exception cref="ArgumentException">The list is empty, or two neighbouring widths do not match.</exception>
    public SequentialNetwork(int inputSize, Func<IReadOnlyList<ILayer<T>>> buildLayers, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentNullException.ThrowIfNull(buildLayers);
        InputSize = inputSize;
        _buildLayers = buildLayers;
        _layers = BuildChecked();

        var layout = new ParameterLayout();
        var plan = new WorkspacePlan();
        foreach (var layer in _layers)
        {
            layer.Plan(layout, plan);
        }

        Parameters = new ParameterStore<T>(layout);
        var workspace = plan.Build<T>(1); // this network never runs its own layers; they only hold the parameters
        var random = new SeededRandom(seed);
        foreach (var layer in _layers)
        {
            layer.Bind(Parameters, workspace);
            layer.Initialize(random);
        }
    }

    /// <summary>Features per input sample.</summary>
    public int InputSize { get; }

    /// <summary>Values per output sample (the last layer's width).</summary>
    public int OutputSize => _layers[^1].OutputLength;

    /// <summary>The layers in forward order, bound to <see cref="Parameters"/>: read or write their weights through them.</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>Every parameter and state value of the layers.</summary>
    public ParameterStore<T> Parameters { get; }

    /// <summary>
    /// A session with its own layers and workspace that predicts from <see cref="Parameters"/>, read-only
    /// (see <see cref="InferenceSession{T}"/> for the threading rules).
    /// </summary>
    /// <param name="batchCapacity">The largest batch one forward pass of the session takes.</param>
    public InferenceSession<T> CreateSession(int batchCapacity = 100) =>
        new(BuildChecked(), InputSize, options: null, "hand-built", Parameters, batchCapacity);

    private ILayer<T>[] BuildChecked()
    {
        ILayer<T>[] layers = [.. _buildLayers() ?? throw new ArgumentException("The layer factory returned null.", "buildLayers")];
        if (layers.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", "buildLayers");
        }

        int width = InputSize;
        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i] is null)
            {
                throw new ArgumentException($"Layer {i} is null.", "buildLayers");
            }

            if (layers[i].InputLength != width)
            {
                throw new ArgumentException($"Layer {i} ({layers[i].Name}) takes {layers[i].InputLength} features, but receives {width}.", "buildLayers");
            }

            width = layers[i].OutputLength;
        }

        return layers;
    }
}
