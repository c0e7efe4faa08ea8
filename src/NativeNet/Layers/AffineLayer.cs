using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Serialization;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// The fully connected layer <c>Y = X·W + b</c>. Backward: <c>dX = dY·Wᵀ</c>, <c>dW += Xᵀ·dY</c>,
/// <c>db += column sums of dY</c>, all without materialising a transpose.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class AffineLayer<T> : ILayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _weightName;
    private readonly string _biasName;
    private readonly string _name; // built once: forward's shape checks must not allocate
    private ParameterHandle _w; // (D, M)
    private ParameterHandle _b; // (M)
    private ParameterStore<T>? _store;

    /// <summary>Creates an affine layer from <paramref name="inputLength"/> to <paramref name="outputLength"/> features.</summary>
    /// <param name="inputLength">D, features per input sample.</param>
    /// <param name="outputLength">M, features per output sample.</param>
    /// <param name="weightStd">The standard deviation of the initial N(0, σ²) weights (0.01 in the book's TwoLayerNet; √(2/D) for He).</param>
    /// <param name="weightName">The parameter name of W (the networks use W1, W2, …).</param>
    /// <param name="biasName">The parameter name of b.</param>
    public AffineLayer(int inputLength, int outputLength, double weightStd, string weightName = "W", string biasName = "b")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputLength);
        if (!double.IsFinite(weightStd) || weightStd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weightStd), weightStd, "The weight standard deviation must be finite and non-negative.");
        }

        InputLength = inputLength;
        OutputLength = outputLength;
        WeightStd = weightStd;
        _weightName = weightName;
        _biasName = biasName;
        _name = "Affine(" + weightName + ")";
    }

    /// <inheritdoc/>
    public string Name => _name;

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new AffineDescription(InputLength, OutputLength, WeightStd, _weightName, _biasName);

    /// <inheritdoc/>
    public int InputLength { get; }

    /// <inheritdoc/>
    public int OutputLength { get; }

    /// <summary>The standard deviation used by <see cref="Initialize"/>.</summary>
    public double WeightStd { get; }

    /// <inheritdoc/>
    public int ParameterLength => (InputLength * OutputLength) + OutputLength;

    /// <inheritdoc/>
    public int StateLength => 0;

    /// <summary>The weights W, <c>(D, M)</c>.</summary>
    public TensorView<T> Weights => Store.Value(_w);

    /// <summary>The bias b, <c>(M)</c>.</summary>
    public TensorView<T> Bias => Store.Value(_b);

    private ParameterStore<T> Store => _store ?? throw new InvalidOperationException($"{Name} is not bound to a parameter store yet.");

    /// <inheritdoc/>
    public void Plan(ParameterLayout parameters, WorkspacePlan workspace)
    {
        _w = parameters.AddParameter(_weightName, new Shape(InputLength, OutputLength), ParameterKind.Weight);
        _b = parameters.AddParameter(_biasName, new Shape(OutputLength), ParameterKind.Bias);
    }

    /// <inheritdoc/>
    public void Bind(ParameterStore<T> parameters, Workspace<T> workspace) => _store = parameters;

    /// <inheritdoc/>
    public void Initialize(SeededRandom random)
    {
        random.FillGaussian(Store.Value(_w).Span, WeightStd);
        Store.Value(_b).Clear();
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlyTensorView<T> x, TensorView<T> y, bool training)
    {
        LayerShapes.CheckForward(Name, InputLength, OutputLength, x.Shape, y.Shape);
        Gemm.MultiplyAddBias(x.Rows, OutputLength, InputLength, x.Span, Store.Value(_w).Span, Store.Value(_b).Span, y.Span, GemmActivation.None);
    }

    /// <summary>
    /// <c>Y = max(0, X·W + b)</c>: this layer followed by a ReLU in one GEMM whose store applies bias and ReLU while
    /// the tile is in registers (no pre-activation buffer, no second pass). Bit-identical to <see cref="Forward"/>
    /// then <see cref="ActivationLayer{T}.Forward"/> of a <see cref="ReluLayer{T}"/>; the ReLU's backward can use this <c>Y</c> as its input, since
    /// <c>Y &gt; 0</c> exactly where <c>X·W + b &gt; 0</c>.
    /// </summary>
    /// <param name="x">The input batch <c>(N, D)</c>.</param>
    /// <param name="y">The activated output <c>(N, M)</c>.</param>
    public void ForwardRelu(ReadOnlyTensorView<T> x, TensorView<T> y)
    {
        LayerShapes.CheckForward(Name, InputLength, OutputLength, x.Shape, y.Shape);
        Gemm.MultiplyAddBias(x.Rows, OutputLength, InputLength, x.Span, Store.Value(_w).Span, Store.Value(_b).Span, y.Span, GemmActivation.Relu);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx)
    {
        LayerShapes.CheckBackward(Name, InputLength, OutputLength, x.Shape, y.Shape, dy.Shape, dx.Shape, dx.IsEmpty);
        int n = x.Rows;

        // dW += Xᵀ·dY  (D, M)
        Gemm.Multiply(MatrixTranspose.Transpose, MatrixTranspose.None, InputLength, OutputLength, n, T.One, x.Span, dy.Span, T.One, Store.Gradient(_w).Span);

        // db += Σ_rows dY  (M)
        ElementwiseKernels.ColumnSumsAdd(dy.Span, n, OutputLength, Store.Gradient(_b).Span);

        if (!dx.IsEmpty)
        {
            // dX = dY·Wᵀ  (N, D)
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.Transpose, n, InputLength, OutputLength, T.One, dy.Span, Store.Value(_w).Span, T.Zero, dx.Span);
        }
    }
}
