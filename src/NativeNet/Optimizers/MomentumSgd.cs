using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Optimizers;

/// <summary>
/// Momentum SGD: <c>v ← m · v - lr · g; W ← W + v</c> (reference defaults lr 0.01, m 0.9). State: the
/// velocity <c>v</c>, starting at zero.
/// </summary>
/// <typeparam name="T">The element type (float or double).</typeparam>
public sealed class MomentumSgd<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity;
    private T _momentum;

    /// <summary>Creates Momentum SGD for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="momentum">The velocity decay <c>m</c>, in <c>[0, 1)</c>.</param>
    public MomentumSgd(int parameterCount, T learningRate, T momentum)
        : base(parameterCount, learningRate, "velocity")
    {
        _momentum = Hyperparameter.RequireDecay(momentum, nameof(momentum));
        _velocity = StateArray(0);
    }

    /// <summary>Creates Momentum SGD with the reference defaults lr 0.01, m 0.9.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    public MomentumSgd(int parameterCount)
        : this(parameterCount, T.CreateTruncating(OptimizerDefaults.LearningRate), T.CreateTruncating(OptimizerDefaults.Momentum))
    {
    }

    /// <summary>The velocity decay <c>m</c>, in <c>[0, 1)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <c>[0, 1)</c> or NaN.</exception>
    public T Momentum
    {
        get => _momentum;
        set => _momentum = Hyperparameter.RequireDecay(value, nameof(Momentum));
    }

    /// <inheritdoc/>
    public override string Name => "momentum";

    /// <summary>Describes the method and its hyperparameters, for logs.</summary>
    /// <returns>For example <c>momentum(lr=0.01, momentum=0.9)</c>.</returns>
    public override string ToString() => $"momentum(lr={LearningRate}, momentum={Momentum})";

    /// <inheritdoc/>
    protected override void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients) =>
        FusedUpdateDriver.Run(parameters, gradients, _velocity, default, new MomentumUpdate<T>(LearningRate, _momentum));
}

/// <summary><c>v ← m · v - lr · g; W ← W + v</c>; state 0 is <c>v</c>.</summary>
internal readonly struct MomentumUpdate<T>(T learningRate, T momentum) : IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _negativeLearningRate = -learningRate;
    private readonly T _momentum = momentum;

    public static int StateCount => 1;

    public T Invoke(T w, T g, ref T s0, ref T s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(_momentum, s0, _negativeLearningRate * g));
        return w + s0;
    }

    public Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector128.Create(_momentum), s0, Vector128.Create(_negativeLearningRate) * g));
        return w + s0;
    }

    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector256.Create(_momentum), s0, Vector256.Create(_negativeLearningRate) * g));
        return w + s0;
    }

    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1)
    {
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector512.Create(_momentum), s0, Vector512.Create(_negativeLearningRate) * g));
        return w + s0;
    }
}
