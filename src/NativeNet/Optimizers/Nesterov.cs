using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Optimizers;

/// <summary>
/// Nesterov's accelerated gradient (defaults lr 0.01, m 0.9) as the book's code writes it since its January 2021
/// fix: <c>W ← W + m² · v - (1 + m) · lr · g</c> with the previous velocity, then <c>v ← m · v - lr · g</c>.
/// This is Sutskever's Nesterov momentum rewritten for the look-ahead parameters (Bengio et al. 2012,
/// arXiv:1212.0901). State: the velocity <c>v</c>, starting at zero.
/// </summary>
/// <remarks>
/// Older copies of the book's code, translations included, update the velocity first and move the weights with
/// the new one. That is a different method (it differs by <c>m² · (v_new - v_old)</c> from the first step on)
/// and is deliberately not offered.
/// </remarks>
/// <typeparam name="T">The element type (float or double).</typeparam>
public sealed class Nesterov<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity;
    private T _momentum;

    /// <summary>Creates a Nesterov optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="momentum">The velocity decay <c>m</c>, in <c>[0, 1)</c>.</param>
    public Nesterov(int parameterCount, T learningRate, T momentum)
        : base(parameterCount, learningRate, "velocity")
    {
        _momentum = Hyperparameter.RequireDecay(momentum, nameof(momentum));
        _velocity = StateArray(0);
    }

    /// <summary>Creates a Nesterov optimizer with the defaults lr 0.01, m 0.9.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    public Nesterov(int parameterCount)
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
    public override string Name => "nesterov";

    /// <summary>Describes the method and its hyperparameters, for logs.</summary>
    /// <returns>For example <c>nesterov(lr=0.01, momentum=0.9)</c>.</returns>
    public override string ToString() => $"nesterov(lr={LearningRate}, momentum={Momentum})";

    /// <inheritdoc/>
    protected override void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients) =>
        FusedUpdateDriver.Run(parameters, gradients, _velocity, default, new NesterovUpdate<T>(LearningRate, _momentum));
}

/// <summary><c>W ← W + m² · v - (1 + m) · lr · g</c> with the old <c>v</c>, then <c>v ← m · v - lr · g</c>; state 0 is <c>v</c>.</summary>
internal readonly struct NesterovUpdate<T>(T learningRate, T momentum) : IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _negativeLearningRate = -learningRate;
    private readonly T _momentum = momentum;
    private readonly T _momentumSquared = momentum * momentum;
    private readonly T _gradientScale = -(T.One + momentum) * learningRate;

    public static int StateCount => 1;

    public T Invoke(T w, T g, ref T s0, ref T s1)
    {
        T result = VectorFma.MultiplyAdd(_momentumSquared, s0, VectorFma.MultiplyAdd(_gradientScale, g, w));
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(_momentum, s0, _negativeLearningRate * g));
        return result;
    }

    public Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1)
    {
        Vector128<T> result = VectorFma.MultiplyAdd(Vector128.Create(_momentumSquared), s0, VectorFma.MultiplyAdd(Vector128.Create(_gradientScale), g, w));
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector128.Create(_momentum), s0, Vector128.Create(_negativeLearningRate) * g));
        return result;
    }

    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1)
    {
        Vector256<T> result = VectorFma.MultiplyAdd(Vector256.Create(_momentumSquared), s0, VectorFma.MultiplyAdd(Vector256.Create(_gradientScale), g, w));
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector256.Create(_momentum), s0, Vector256.Create(_negativeLearningRate) * g));
        return result;
    }

    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1)
    {
        Vector512<T> result = VectorFma.MultiplyAdd(Vector512.Create(_momentumSquared), s0, VectorFma.MultiplyAdd(Vector512.Create(_gradientScale), g, w));
        s0 = SubnormalFlush.Flush(VectorFma.MultiplyAdd(Vector512.Create(_momentum), s0, Vector512.Create(_negativeLearningRate) * g));
        return result;
    }
}
