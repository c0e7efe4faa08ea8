using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Optimizers;

/// <summary>
/// RMSprop: <c>h ← d · h + (1 - d) · g²; W ← W - lr · g / (sqrt(h) + 1e-7)</c> (reference defaults lr 0.01,
/// d 0.99): like AdaGrad, but old squared gradients fade, so the step does not shrink to zero. State: <c>h</c>,
/// starting at zero.
/// </summary>
/// <typeparam name="T">The element type (float or double).</typeparam>
public sealed class RmsProp<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _squaredGradientAverage;
    private T _decayRate;

    /// <summary>Creates RMSprop for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="decayRate">The decay <c>d</c> of the squared-gradient average, in <c>[0, 1)</c>.</param>
    public RmsProp(int parameterCount, T learningRate, T decayRate)
        : base(parameterCount, learningRate, "h")
    {
        _decayRate = Hyperparameter.RequireDecay(decayRate, nameof(decayRate));
        _squaredGradientAverage = StateArray(0);
    }

    /// <summary>Creates RMSprop with the reference defaults lr 0.01, d 0.99.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    public RmsProp(int parameterCount)
        : this(parameterCount, T.CreateTruncating(OptimizerDefaults.LearningRate), T.CreateTruncating(OptimizerDefaults.DecayRate))
    {
    }

    /// <summary>The decay <c>d</c> of the squared-gradient average, in <c>[0, 1)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <c>[0, 1)</c> or NaN.</exception>
    public T DecayRate
    {
        get => _decayRate;
        set => _decayRate = Hyperparameter.RequireDecay(value, nameof(DecayRate));
    }

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <summary>Describes the method and its hyperparameters, for logs.</summary>
    /// <returns>For example <c>rmsprop(lr=0.01, decayRate=0.99)</c>.</returns>
    public override string ToString() => $"rmsprop(lr={LearningRate}, decayRate={DecayRate})";

    /// <inheritdoc/>
    protected override void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients) =>
        FusedUpdateDriver.Run(parameters, gradients, _squaredGradientAverage, default, new RmsPropUpdate<T>(LearningRate, _decayRate));
}

/// <summary><c>h ← d · h + (1 - d) · g²; W ← W - lr · g / (sqrt(h) + 1e-7)</c>; state 0 is <c>h</c>.</summary>
internal readonly struct RmsPropUpdate<T>(T learningRate, T decayRate) : IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _epsilon = T.CreateTruncating(OptimizerDefaults.Epsilon);
    private readonly T _negativeLearningRate = -learningRate;
    private readonly T _decayRate = decayRate;
    private readonly T _oneMinusDecayRate = T.One - decayRate;

    public static int StateCount => 1;

    public T Invoke(T w, T g, ref T s0, ref T s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(_decayRate, s0, _oneMinusDecayRate * g * g));
        return VectorFma.MultiplyAdd(_negativeLearningRate, g / (T.Sqrt(s0) + _epsilon), w);
    }

    public Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector128.Create(_decayRate), s0, Vector128.Create(_oneMinusDecayRate) * g * g));
        return VectorFma.MultiplyAdd(Vector128.Create(_negativeLearningRate), g / (Vector128.Sqrt(s0) + Vector128.Create(_epsilon)), w);
    }

    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector256.Create(_decayRate), s0, Vector256.Create(_oneMinusDecayRate) * g * g));
        return VectorFma.MultiplyAdd(Vector256.Create(_negativeLearningRate), g / (Vector256.Sqrt(s0) + Vector256.Create(_epsilon)), w);
    }

    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector512.Create(_decayRate), s0, Vector512.Create(_oneMinusDecayRate) * g * g));
        return VectorFma.MultiplyAdd(Vector512.Create(_negativeLearningRate), g / (Vector512.Sqrt(s0) + Vector512.Create(_epsilon)), w);
    }
}
