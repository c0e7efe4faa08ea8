using System.Numerics;
using System.Numerics.Tensors;
using NativeNet.Kernels;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Serialization;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// Batch normalisation per feature j over the N samples of a batch:
/// <c>mu_j = (1/N) Σ_i x_ij</c>, <c>var_j = (1/N) Σ_i (x_ij - mu_j)²</c> (population variance),
/// <c>xn_ij = (x_ij - mu_j) / sqrt(var_j + eps)</c>, <c>y_ij = gamma_j · xn_ij + beta_j</c>.
/// Training also updates <c>running = momentum · running + (1 - momentum) · batch</c> for the mean and
/// the variance; inference normalises with the running statistics instead.
/// Backward in training goes through the whole graph, because mu and var depend on every sample:
/// <c>dx_ij = gamma_j / sqrt(var_j + eps) · (dy_ij - mean_i(dy_ij) - xn_ij · mean_i(dy_ij · xn_ij))</c>,
/// <c>dgamma_j += Σ_i dy_ij · xn_ij</c>, <c>dbeta_j += Σ_i dy_ij</c>.
/// A training batch of one sample has variance 0, so <c>xn = 0</c>, <c>y = beta</c> and <c>dx = 0</c>:
/// allowed, but it teaches nothing; use batches of at least 2.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class BatchNormalizationLayer<T> : ILayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The reference's momentum of the running statistics.</summary>
    public const double DefaultMomentum = 0.9;

    /// <summary>The reference's epsilon added to the variance (written <c>10e-7</c> there).</summary>
    public const double DefaultEpsilon = 1e-6;

    private readonly string _name;
    private readonly string _gammaName;
    private readonly string _betaName;
    private readonly string _runningMeanName;
    private readonly string _runningVarianceName;
    private readonly T _momentum;
    private readonly T _epsilon;
    private ParameterHandle _gamma; // (D)
    private ParameterHandle _beta; // (D)
    private StateHandle _runningMean; // (D)
    private StateHandle _runningVariance; // (D)
    private WorkspaceSlot _normalizedSlot; // (N, D) xn of the last forward
    private WorkspaceSlot _statisticsSlot; // (4·D) fixed: mean | variance, then invStd | scratch
    private ParameterStore<T>? _store;
    private Workspace<T>? _workspace;
    private bool _lastForwardTraining;

    /// <summary>Creates a batch normalisation over <paramref name="length"/> features.</summary>
    /// <param name="length">D, the number of features (the width of the preceding Affine layer).</param>
    /// <param name="gammaName">The parameter name of gamma (the networks use gamma1, gamma2, …).</param>
    /// <param name="betaName">The parameter name of beta.</param>
    /// <param name="runningMeanName">The state name of the running mean.</param>
    /// <param name="runningVarianceName">The state name of the running variance.</param>
    /// <param name="momentum">The weight of the old running statistics, in [0, 1].</param>
    /// <param name="epsilon">Added to the variance before the square root; finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length, momentum or epsilon is out of range.</exception>
    public BatchNormalizationLayer(
        int length,
        string gammaName = "gamma",
        string betaName = "beta",
        string runningMeanName = "runningMean",
        string runningVarianceName = "runningVar",
        double momentum = DefaultMomentum,
        double epsilon = DefaultEpsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The batch-norm momentum must be in [0, 1].");
        }

        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The batch-norm epsilon must be finite and positive.");
        }

        InputLength = length;
        Momentum = momentum;
        Epsilon = epsilon;
        _momentum = T.CreateChecked(momentum);
        _epsilon = T.CreateChecked(epsilon);
        _gammaName = gammaName;
        _betaName = betaName;
        _runningMeanName = runningMeanName;
        _runningVarianceName = runningVarianceName;
        _name = "BatchNorm(" + gammaName + ")";
    }

    /// <inheritdoc/>
    public string Name => _name;

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new BatchNormalizationDescription(InputLength, Momentum, Epsilon, _gammaName, _betaName, _runningMeanName, _runningVarianceName);

    /// <inheritdoc/>
    public int InputLength { get; }

    /// <inheritdoc/>
    public int OutputLength => InputLength;

    /// <inheritdoc/>
    public int ParameterLength => 2 * InputLength;

    /// <inheritdoc/>
    public int StateLength => 2 * InputLength;

    /// <summary>The weight of the old running statistics in each training update.</summary>
    public double Momentum { get; }

    /// <summary>The epsilon added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>The scale gamma, <c>(D)</c>.</summary>
    public TensorView<T> Gamma => Store.Value(_gamma);

    /// <summary>The shift beta, <c>(D)</c>.</summary>
    public TensorView<T> Beta => Store.Value(_beta);

    /// <summary>The running mean used at inference, <c>(D)</c>.</summary>
    public TensorView<T> RunningMean => Store.StateValue(_runningMean);

    /// <summary>The running (population) variance used at inference, <c>(D)</c>.</summary>
    public TensorView<T> RunningVariance => Store.StateValue(_runningVariance);

    private ParameterStore<T> Store => _store ?? throw new InvalidOperationException($"{Name} is not bound to a parameter store yet.");

    private Workspace<T> Workspace => _workspace ?? throw new InvalidOperationException($"{Name} is not bound to a workspace yet.");

    /// <inheritdoc/>
    public void Plan(ParameterLayout parameters, WorkspacePlan workspace)
    {
        _gamma = parameters.AddParameter(_gammaName, new Shape(InputLength), ParameterKind.Scale);
        _beta = parameters.AddParameter(_betaName, new Shape(InputLength), ParameterKind.Shift);
        _runningMean = parameters.AddState(_runningMeanName, new Shape(InputLength));
        _runningVariance = parameters.AddState(_runningVarianceName, new Shape(InputLength));
        _normalizedSlot = workspace.AddBatch(_name + ".xn", InputLength);
        _statisticsSlot = workspace.AddFixed(_name + ".statistics", 4 * InputLength);
    }

    /// <inheritdoc/>
    public void Bind(ParameterStore<T> parameters, Workspace<T> workspace)
    {
        _store = parameters;
        _workspace = workspace;
    }

    /// <inheritdoc/>
    public void Initialize(SeededRandom random)
    {
        Store.Value(_gamma).Fill(T.One);
        Store.Value(_beta).Clear();
        Store.StateValue(_runningMean).Clear();
        Store.StateValue(_runningVariance).Clear();
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlyTensorView<T> x, TensorView<T> y, bool training)
    {
        LayerShapes.CheckForward(Name, InputLength, OutputLength, x.Shape, y.Shape);
        int n = x.Rows;
        int d = InputLength;
        Span<T> xn = Workspace.Batch(_normalizedSlot, n).Span; // (N, D)
        Span<T> statistics = Workspace.Fixed(_statisticsSlot);
        Span<T> mean = statistics[..d]; // (D)
        Span<T> variance = statistics.Slice(d, d); // (D)
        Span<T> invStd = statistics.Slice(2 * d, d); // (D) 1/sqrt(var + eps)
        Span<T> runningMean = Store.StateValue(_runningMean).Span;
        Span<T> runningVariance = Store.StateValue(_runningVariance).Span;

        if (training)
        {
            ElementwiseKernels.ColumnMeanVariance(x.Span, n, d, mean, variance);

            // running = momentum·running + (1 - momentum)·batch
            T keep = T.One - _momentum;
            TensorPrimitives.Multiply(runningMean, _momentum, runningMean);
            TensorPrimitives.FusedMultiplyAdd(mean, keep, runningMean, runningMean);
            TensorPrimitives.Multiply(runningVariance, _momentum, runningVariance);
            TensorPrimitives.FusedMultiplyAdd(variance, keep, runningVariance, runningVariance);
        }
        else
        {
            runningMean.CopyTo(mean);
            runningVariance.CopyTo(variance);
        }

        TensorPrimitives.Add(variance, _epsilon, invStd);
        TensorPrimitives.Sqrt(invStd, invStd);
        TensorPrimitives.Divide(T.One, invStd, invStd);

        ReadOnlySpan<T> gamma = Store.Value(_gamma).Span;
        ReadOnlySpan<T> beta = Store.Value(_beta).Span;
        for (int i = 0; i < n; i++)
        {
            Span<T> xnRow = xn.Slice(i * d, d);
            TensorPrimitives.Subtract(x.Span.Slice(i * d, d), mean, xnRow);
            TensorPrimitives.Multiply(xnRow, invStd, xnRow);
            TensorPrimitives.FusedMultiplyAdd(xnRow, gamma, beta, y.Span.Slice(i * d, d));
        }

        _lastForwardTraining = training;
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx)
    {
        LayerShapes.CheckBackward(Name, InputLength, OutputLength, x.Shape, y.Shape, dy.Shape, dx.Shape, dx.IsEmpty);
        int n = x.Rows;
        int d = InputLength;
        ReadOnlySpan<T> xn = Workspace.Batch(_normalizedSlot, n).Span; // (N, D)
        Span<T> statistics = Workspace.Fixed(_statisticsSlot);
        Span<T> sumDy = statistics[..d]; // (D) reuses mean: forward is done with it
        Span<T> sumDyXn = statistics.Slice(d, d); // (D) reuses variance
        ReadOnlySpan<T> invStd = statistics.Slice(2 * d, d); // (D)
        Span<T> scale = statistics.Slice(3 * d, d); // (D) gamma·invStd

        sumDy.Clear();
        sumDyXn.Clear();
        ElementwiseKernels.ColumnSumsAdd(dy.Span, n, d, sumDy);
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.FusedMultiplyAdd(dy.Span.Slice(i * d, d), xn.Slice(i * d, d), sumDyXn, sumDyXn);
        }

        Span<T> dGamma = Store.Gradient(_gamma).Span;
        Span<T> dBeta = Store.Gradient(_beta).Span;
        TensorPrimitives.Add(dGamma, sumDyXn, dGamma);
        TensorPrimitives.Add(dBeta, sumDy, dBeta);

        if (dx.IsEmpty)
        {
            return;
        }

        TensorPrimitives.Multiply(Store.Value(_gamma).Span, invStd, scale);
        if (!_lastForwardTraining)
        {
            // Fixed running statistics: y is a per-feature affine map of x.
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Multiply(dy.Span.Slice(i * d, d), scale, dx.Span.Slice(i * d, d));
            }

            return;
        }

        // dx = scale · (dy - sumDy/N - xn · sumDyXn/N), with both sums negated and scaled once.
        T minusInverseN = -T.One / T.CreateChecked(n);
        TensorPrimitives.Multiply(sumDy, minusInverseN, sumDy);
        TensorPrimitives.Multiply(sumDyXn, minusInverseN, sumDyXn);
        for (int i = 0; i < n; i++)
        {
            Span<T> dxRow = dx.Span.Slice(i * d, d);
            TensorPrimitives.FusedMultiplyAdd(xn.Slice(i * d, d), sumDyXn, sumDy, dxRow);
            TensorPrimitives.AddMultiply(dxRow, dy.Span.Slice(i * d, d), scale, dxRow);
        }
    }
}
