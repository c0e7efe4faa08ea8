using System.Numerics;
using NativeNet.Serialization;

namespace NativeNet.Layers;

/// <summary>
/// <c>y = x</c> where <c>x &gt; 0</c>, else <c>y = alpha · x</c> (ONNX LeakyRelu, PyTorch <c>nn.LeakyReLU</c>);
/// backward: <c>dx = dy</c> where <c>x &gt; 0</c>, else <c>alpha · dy</c>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class LeakyReluLayer<T> : ActivationLayer<T>, IStorableLayer
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>ONNX's and PyTorch's default slope for negative inputs.</summary>
    public const double DefaultAlpha = 0.01;

    private readonly T _alpha;

    /// <summary>Creates a leaky ReLU over <paramref name="length"/> features.</summary>
    /// <param name="length">The number of features.</param>
    /// <param name="alpha">The slope for negative inputs; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not finite.</exception>
    public LeakyReluLayer(int length, double alpha = DefaultAlpha)
        : base(length)
    {
        if (!double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The leaky ReLU slope must be finite.");
        }

        Alpha = alpha;
        _alpha = T.CreateChecked(alpha);
    }

    /// <inheritdoc/>
    public override string Name => "LeakyRelu";

    /// <summary>The layer's description in a version-2 model file.</summary>
    LayerDescription IStorableLayer.Describe() => new LeakyReluDescription(InputLength, Alpha);

    /// <summary>The slope for negative inputs.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > T.Zero ? x[i] : _alpha * x[i];
        }
    }

    /// <inheritdoc/>
    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] > T.Zero ? dy[i] : _alpha * dy[i];
        }
    }
}
