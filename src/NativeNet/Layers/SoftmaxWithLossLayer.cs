using System.Numerics;
using System.Numerics.Tensors;
using NativeNet.Kernels;
using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// Softmax followed by cross-entropy, the reference's <c>SoftmaxWithLoss</c>. Forward: per row
/// <c>y = exp(x - max x) / Σ exp(x - max x)</c> (max-shifted, so logits of ±1000 stay finite), then
/// <c>E = -(1/N) Σ_n Σ_k t_nk · log(y_nk + δ)</c>, which for index labels is
/// <c>-(1/N) Σ_n log(y[n, t_n] + δ)</c>; δ is the reference's <c>1e-7</c>. Backward, fused:
/// <c>dx = (y - t) / N</c> (index labels: subtract 1 at the label, then divide by N).
/// <para>
/// The fused gradient is the exact derivative of the cross-entropy without δ; with δ it differs from
/// the derivative of the reported loss by a relative <c>δ / (y_t + δ)</c>. Pass <c>logEpsilon: 0</c> for
/// the exact cross-entropy <c>log y_t = (x_t - max x) + log y_argmax</c>, which never takes the log of an
/// underflowed probability and matches the fused gradient to rounding (what tight gradient checks need).
/// </para>
/// <para>
/// A NaN (or an infinity) among a row's scores makes that row's probabilities and the loss NaN; the
/// layer does not throw, so a trainer detects divergence from the loss value.
/// </para>
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class SoftmaxWithLossLayer<T> : ILossLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The reference's δ inside <c>log(y + δ)</c>, which keeps <c>log 0</c> finite.</summary>
    public const double DefaultLogEpsilon = 1e-7;

    private const string LayerName = "SoftmaxWithLoss";

    private readonly T _logEpsilon;
    private WorkspaceSlot _probabilitySlot; // (N, C) softmax of the last forward
    private Workspace<T>? _workspace;
    private int _lastRows = -1; // N of the last forward; -1 = none yet

    /// <summary>Creates the loss for <paramref name="classCount"/> classes.</summary>
    /// <param name="classCount">C, the number of scores per sample.</param>
    /// <param name="logEpsilon">δ in <c>log(y + δ)</c>; 0 selects the exact log-softmax form.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is not positive, or <paramref name="logEpsilon"/> is negative or not finite.</exception>
    public SoftmaxWithLossLayer(int classCount, double logEpsilon = DefaultLogEpsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (!(logEpsilon >= 0) || !double.IsFinite(logEpsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(logEpsilon), logEpsilon, "The log epsilon must be finite and non-negative.");
        }

        InputLength = classCount;
        LogEpsilon = logEpsilon;
        _logEpsilon = T.CreateChecked(logEpsilon);
    }

    /// <summary>The layer's name in messages.</summary>
    public string Name => LayerName;

    /// <inheritdoc/>
    public int InputLength { get; }

    /// <summary>δ in <c>log(y + δ)</c>; 0 means the exact log-softmax form.</summary>
    public double LogEpsilon { get; }

    /// <summary>The softmax probabilities <c>(N, C)</c> of the last forward (for predictions and accuracy).</summary>
    /// <exception cref="InvalidOperationException">No forward has run yet.</exception>
    // Stryker disable once Equality : _lastRows is -1 or a positive N (Forward refuses an empty batch), so < 0 and <= 0 agree.
    public ReadOnlyTensorView<T> Probabilities => _lastRows < 0
        ? throw new InvalidOperationException($"{LayerName}: no forward pass has run yet.")
        : Workspace.Batch(_probabilitySlot, _lastRows);

    private Workspace<T> Workspace => _workspace ?? throw new InvalidOperationException($"{LayerName} is not bound to a workspace yet.");

    /// <inheritdoc/>
    public void Plan(WorkspacePlan workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _probabilitySlot = workspace.AddBatch(LayerName + ".y", InputLength);
    }

    /// <inheritdoc/>
    public void Bind(Workspace<T> workspace) => _workspace = workspace;

    /// <inheritdoc/>
    /// <exception cref="ShapeMismatchException">The scores do not have C columns, the labels do not match them, or the batch is empty.</exception>
    public T Forward(ReadOnlyTensorView<T> x, LabelBatch<T> labels)
    {
        CheckScores(x.Shape);
        int n = x.Rows;
        int c = InputLength;
        labels.Validate(n, c, LayerName);
        if (n == 0)
        {
            // The mean over no samples is 0/0: refuse it, as LossFunctions.CrossEntropy does, rather than return NaN.
            throw new ShapeMismatchException($"{LayerName}: the batch is empty; the mean cross-entropy needs at least one sample.");
        }

        Span<T> y = Workspace.Batch(_probabilitySlot, n).Span; // (N, C)
        ElementwiseKernels.SoftmaxRows(x.Span, y, n, c);
        _lastRows = n;

        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<T> scores = x.Span.Slice(i * c, c);
            ReadOnlySpan<T> probabilities = y.Slice(i * c, c);
            if (labels.IsIndex)
            {
                sum += LogProbability(scores, probabilities, labels.Indices[i]);
            }
            else
            {
                ReadOnlySpan<T> target = labels.OneHot.Span.Slice(i * c, c);
                for (int k = 0; k < c; k++)
                {
                    if (target[k] != T.Zero)
                    {
                        sum += target[k] * LogProbability(scores, probabilities, k);
                    }
                }
            }
        }

        return -sum / T.CreateChecked(n);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">No forward with this batch size has run.</exception>
    public void Backward(ReadOnlyTensorView<T> x, LabelBatch<T> labels, TensorView<T> dx)
    {
        CheckScores(x.Shape);
        int n = x.Rows;
        int c = InputLength;
        labels.Validate(n, c, LayerName);
        if (dx.Rows != n || dx.RowLength != c)
        {
            throw new ShapeMismatchException($"{LayerName}: dx must be ({n}, {c}) like x, got shape {dx.Shape}.");
        }

        if (_lastRows != n)
        {
            throw new InvalidOperationException($"{LayerName}: backward of a batch of {n} needs a forward of that batch first.");
        }

        ReadOnlySpan<T> y = Workspace.Batch(_probabilitySlot, n).Span; // (N, C)
        T inverseN = T.One / T.CreateChecked(n);
        if (labels.IsIndex)
        {
            TensorPrimitives.Multiply(y, inverseN, dx.Span);
            for (int i = 0; i < n; i++)
            {
                dx.Span[(i * c) + labels.Indices[i]] -= inverseN;
            }
        }
        else
        {
            TensorPrimitives.Subtract(y, labels.OneHot.Span, dx.Span);
            TensorPrimitives.Multiply(dx.Span, inverseN, dx.Span);
        }
    }

    // log(y_k + δ), or with δ = 0 the exact log y_k = (x_k - x_max) + log y_max: y_max ≥ 1/C never underflows.
    private T LogProbability(ReadOnlySpan<T> scores, ReadOnlySpan<T> probabilities, int k)
    {
        if (_logEpsilon != T.Zero)
        {
            return T.Log(probabilities[k] + _logEpsilon);
        }

        int argMax = TensorPrimitives.IndexOfMax(scores);
        return argMax < 0 ? T.NaN : scores[k] - scores[argMax] + T.Log(probabilities[argMax]);
    }

    private void CheckScores(Shape x)
    {
        if (x.Rank == 0 || x.RowLength != InputLength)
        {
            throw new ShapeMismatchException($"{LayerName}: scores x must have {InputLength} classes per sample, got shape {x}.");
        }
    }
}
