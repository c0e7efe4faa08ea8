using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Serialization;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>How a <see cref="DropoutLayer{T}"/> keeps the expected activation the same in training and inference.</summary>
public enum DropoutMode
{
    /// <summary>
    /// The reference's dropout: training <c>y = x · m</c> with <c>m = (u &gt; ratio)</c>, <c>u ~ U[0, 1)</c>,
    /// no rescaling; inference <c>y = x · (1 - ratio)</c>.
    /// </summary>
    Reference,

    /// <summary>
    /// Inverted dropout, as modern frameworks do: training <c>y = x · m / (1 - ratio)</c>; inference is
    /// the identity. Equal to <see cref="Reference"/> in expectation, and inference costs nothing.
    /// </summary>
    Inverted,
}

/// <summary>
/// Drops each activation with probability <c>ratio</c> in training (see <see cref="DropoutMode"/> for the
/// scaling). The mask <c>m</c> is drawn from the <see cref="SeededRandom"/> given to the constructor,
/// one uniform double per element in row-major order, so a seed fixes the masks for float and double
/// alike. Backward: <c>dx = dy · m</c> (times <c>1 / (1 - ratio)</c> in inverted mode) after a training
/// forward, and <c>dx = dy · (1 - ratio)</c> (reference) or <c>dx = dy</c> (inverted) after an inference one.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class DropoutLayer<T> : ILayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SeededRandom _random;
    private readonly T _keptScale; // what a kept element is multiplied by in training: 1, or 1/(1 - ratio)
    private readonly T _inferenceScale; // 1 - ratio (reference) or 1 (inverted)
    private readonly string _name;
    private WorkspaceSlot _maskSlot; // (N, D) the scaled mask: 0 or _keptScale
    private Workspace<T>? _workspace;
    private int _maskRows; // rows of the last drawn mask; 0 = none yet
    private bool _lastForwardTraining;

    /// <summary>Creates a dropout over <paramref name="length"/> features.</summary>
    /// <param name="length">D, the number of features.</param>
    /// <param name="ratio">The probability of dropping an element, in [0, 1) (the reference's <c>dropout_ratio</c>, 0.5 by default there).</param>
    /// <param name="random">The generator the masks are drawn from; the layer advances it on every training forward.</param>
    /// <param name="mode">The reference's scaling or inverted dropout.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is outside [0, 1), or <paramref name="length"/> is not positive.</exception>
    public DropoutLayer(int length, double ratio, SeededRandom random, DropoutMode mode = DropoutMode.Reference)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentNullException.ThrowIfNull(random);
        if (!(ratio >= 0 && ratio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The dropout ratio must be in [0, 1).");
        }

        if (mode is not (DropoutMode.Reference or DropoutMode.Inverted))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown dropout mode.");
        }

        InputLength = length;
        Ratio = ratio;
        Mode = mode;
        _random = random;
        _keptScale = mode == DropoutMode.Inverted ? T.CreateChecked(1 / (1 - ratio)) : T.One;
        _inferenceScale = mode == DropoutMode.Inverted ? T.One : T.CreateChecked(1 - ratio);
        _name = "Dropout(" + ratio.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    /// <inheritdoc/>
    public string Name => _name;

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new DropoutDescription(InputLength, Ratio, Mode);

    /// <inheritdoc/>
    public int InputLength { get; }

    /// <inheritdoc/>
    public int OutputLength => InputLength;

    /// <inheritdoc/>
    public int ParameterLength => 0;

    /// <inheritdoc/>
    public int StateLength => 0;

    /// <summary>The probability of dropping an element in training.</summary>
    public double Ratio { get; }

    /// <summary>The reference's scaling or inverted dropout.</summary>
    public DropoutMode Mode { get; }

    /// <summary>
    /// When true, a training forward reuses the last drawn mask instead of drawing a new one (a mask is
    /// still drawn when none exists for the batch size). Gradient checks need it: every evaluation of
    /// the loss must see the same mask.
    /// </summary>
    public bool ReuseMask { get; set; }

    private Workspace<T> Workspace => _workspace ?? throw new InvalidOperationException($"{Name} is not bound to a workspace yet.");

    /// <inheritdoc/>
    public void Plan(ParameterLayout parameters, WorkspacePlan workspace) =>
        _maskSlot = workspace.AddBatch(_name + ".mask", InputLength);

    /// <inheritdoc/>
    public void Bind(ParameterStore<T> parameters, Workspace<T> workspace) => _workspace = workspace;

    /// <inheritdoc/>
    /// <remarks>Dropout has no parameters, and its masks come from the generator given to the constructor.</remarks>
    public void Initialize(SeededRandom random) => _maskRows = 0;

    /// <inheritdoc/>
    public void Forward(ReadOnlyTensorView<T> x, TensorView<T> y, bool training)
    {
        LayerShapes.CheckForward(Name, InputLength, OutputLength, x.Shape, y.Shape);
        _lastForwardTraining = training;
        if (!training)
        {
            TensorPrimitives.Multiply(x.Span, _inferenceScale, y.Span);
            return;
        }

        Span<T> mask = Workspace.Batch(_maskSlot, x.Rows).Span; // (N, D)
        if (!ReuseMask || _maskRows != x.Rows)
        {
            DrawMask(mask);
            _maskRows = x.Rows;
        }

        TensorPrimitives.Multiply(x.Span, mask, y.Span);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx)
    {
        LayerShapes.CheckBackward(Name, InputLength, OutputLength, x.Shape, y.Shape, dy.Shape, dx.Shape, dx.IsEmpty);
        if (dx.IsEmpty)
        {
            return;
        }

        if (_lastForwardTraining)
        {
            TensorPrimitives.Multiply(dy.Span, Workspace.Batch(_maskSlot, x.Rows).Span, dx.Span);
        }
        else
        {
            TensorPrimitives.Multiply(dy.Span, _inferenceScale, dx.Span);
        }
    }

    private void DrawMask(Span<T> mask)
    {
        double ratio = Ratio;
        T kept = _keptScale;
        if (typeof(T) == typeof(float))
        {
            // The same draws and decisions as below, without a branch the random data would mispredict:
            // NextDouble() = u·2⁻⁵³ with u = NextUInt64() >> 11, and u·2⁻⁵³ > ratio ⇔ u > ⌊ratio·2⁵³⌋ (u is an integer).
            ulong threshold = (ulong)Math.Floor(ratio * 9007199254740992.0);
            uint keptBits = BitConverter.SingleToUInt32Bits(float.CreateTruncating(kept));
            Span<uint> bits = MemoryMarshal.Cast<T, uint>(mask);
            Span<ulong> draws = stackalloc ulong[256];
            for (int start = 0; start < bits.Length; start += draws.Length)
            {
                Span<ulong> chunk = draws[..Math.Min(draws.Length, bits.Length - start)];
                _random.NextUInt64s(chunk);
                Span<uint> target = bits.Slice(start, chunk.Length);
                for (int i = 0; i < chunk.Length; i++)
                {
                    uint keep = (chunk[i] >> 11) > threshold ? 1u : 0u;
                    target[i] = keptBits & (0u - keep);
                }
            }

            return;
        }

        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = _random.NextDouble() > ratio ? kept : T.Zero;
        }
    }
}
