using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Optimizers;

/// <summary>
/// Adam, as the reference writes it (reference defaults lr 0.001, β1 0.9, β2 0.999): per step
/// <c>t ← t + 1; lr_t = lr · sqrt(1 - β2^t) / (1 - β1^t); m ← m + (1 - β1)(g - m); v ← v + (1 - β2)(g² - v);
/// W ← W - lr_t · m / (sqrt(v) + 1e-7)</c>. The bias correction is folded into <c>lr_t</c> (so the epsilon
/// is added to the uncorrected <c>sqrt(v)</c>, unlike the paper). State: <c>m</c> and <c>v</c>, starting at zero;
/// <c>t</c> is <see cref="Optimizer{T}.StepCount"/>.
/// </summary>
/// <typeparam name="T">The element type (float or double).</typeparam>
public sealed class Adam<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _firstMoment;
    private readonly T[] _secondMoment;
    private T _beta1;
    private T _beta2;

    /// <summary>Creates Adam for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="beta1">The first-moment decay <c>β1</c>, in <c>[0, 1)</c>.</param>
    /// <param name="beta2">The second-moment decay <c>β2</c>, in <c>[0, 1)</c>.</param>
    public Adam(int parameterCount, T learningRate, T beta1, T beta2)
        : base(parameterCount, learningRate, "m", "v")
    {
        _beta1 = Hyperparameter.RequireDecay(beta1, nameof(beta1));
        _beta2 = Hyperparameter.RequireDecay(beta2, nameof(beta2));
        _firstMoment = StateArray(0);
        _secondMoment = StateArray(1);
    }

    /// <summary>Creates Adam with the reference defaults lr 0.001, β1 0.9, β2 0.999.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    public Adam(int parameterCount)
        : this(
            parameterCount,
            T.CreateTruncating(OptimizerDefaults.AdamLearningRate),
            T.CreateTruncating(OptimizerDefaults.Beta1),
            T.CreateTruncating(OptimizerDefaults.Beta2))
    {
    }

    /// <summary>The first-moment decay <c>β1</c>, in <c>[0, 1)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <c>[0, 1)</c> or NaN.</exception>
    public T Beta1
    {
        get => _beta1;
        set => _beta1 = Hyperparameter.RequireDecay(value, nameof(Beta1));
    }

    /// <summary>The second-moment decay <c>β2</c>, in <c>[0, 1)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <c>[0, 1)</c> or NaN.</exception>
    public T Beta2
    {
        get => _beta2;
        set => _beta2 = Hyperparameter.RequireDecay(value, nameof(Beta2));
    }

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <summary>Describes the method and its hyperparameters, for logs.</summary>
    /// <returns>For example <c>adam(lr=0.001, beta1=0.9, beta2=0.999)</c>.</returns>
    public override string ToString() => $"adam(lr={LearningRate}, beta1={Beta1}, beta2={Beta2})";

    /// <summary>
    /// The bias-corrected rate <c>lr · sqrt(1 - β2^t) / (1 - β1^t)</c> for step <paramref name="t"/> (from 1),
    /// computed in double whatever <typeparamref name="T"/> is.
    /// </summary>
    /// <param name="t">The step number, 1 for the first step.</param>
    /// <returns>The effective learning rate of that step.</returns>
    public T CorrectedLearningRate(long t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        double lr = double.CreateTruncating(LearningRate);
        double beta1 = double.CreateTruncating(_beta1);
        double beta2 = double.CreateTruncating(_beta2);
        return T.CreateTruncating(lr * Math.Sqrt(1.0 - Math.Pow(beta2, t)) / (1.0 - Math.Pow(beta1, t)));
    }

    /// <inheritdoc/>
    protected override void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients) =>
        FusedUpdateDriver.Run(
            parameters,
            gradients,
            _firstMoment,
            _secondMoment,
            new AdamUpdate<T>(CorrectedLearningRate(StepCount), _beta1, _beta2));
}

/// <summary>
/// <c>m ← m + (1 - β1)(g - m); v ← v + (1 - β2)(g² - v); W ← W - lr_t · m / (sqrt(v) + 1e-7)</c>; state 0 is
/// <c>m</c>, state 1 is <c>v</c>.
/// </summary>
internal readonly struct AdamUpdate<T>(T correctedLearningRate, T beta1, T beta2) : IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Moments of parameters whose gradient stays 0 (dead ReLU units) decay geometrically into the subnormal
    // range (m after ~800 steps), where every FMA on them is many times slower: SubnormalFlush zeroes them there.
    private readonly T _epsilon = T.CreateTruncating(OptimizerDefaults.Epsilon);
    private readonly T _negativeLearningRate = -correctedLearningRate;
    private readonly T _oneMinusBeta1 = T.One - beta1;
    private readonly T _oneMinusBeta2 = T.One - beta2;

    public static int StateCount => 2;

    public T Invoke(T w, T g, ref T s0, ref T s1)
    {
        s0 = VectorFma.MultiplyAdd(_oneMinusBeta1, g - s0, s0);
        s1 = VectorFma.MultiplyAdd(_oneMinusBeta2, VectorFma.MultiplyAdd(g, g, -s1), s1);
        s0 = SubnormalFlush.Flush(s0);
        s1 = SubnormalFlush.Flush(s1);
        return VectorFma.MultiplyAdd(_negativeLearningRate, s0 / (T.Sqrt(s1) + _epsilon), w);
    }

    public Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1)
    {
        s0 = VectorFma.MultiplyAdd(Vector128.Create(_oneMinusBeta1), g - s0, s0);
        s1 = VectorFma.MultiplyAdd(Vector128.Create(_oneMinusBeta2), VectorFma.MultiplyAdd(g, g, -s1), s1);
        s0 = SubnormalFlush.Flush(s0);
        s1 = SubnormalFlush.Flush(s1);
        return VectorFma.MultiplyAdd(Vector128.Create(_negativeLearningRate), s0 / (Vector128.Sqrt(s1) + Vector128.Create(_epsilon)), w);
    }

    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1)
    {
        s0 = VectorFma.MultiplyAdd(Vector256.Create(_oneMinusBeta1), g - s0, s0);
        s1 = VectorFma.MultiplyAdd(Vector256.Create(_oneMinusBeta2), VectorFma.MultiplyAdd(g, g, -s1), s1);
        s0 = SubnormalFlush.Flush(s0);
        s1 = SubnormalFlush.Flush(s1);
        return VectorFma.MultiplyAdd(Vector256.Create(_negativeLearningRate), s0 / (Vector256.Sqrt(s1) + Vector256.Create(_epsilon)), w);
    }

    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1)
    {
        s0 = VectorFma.MultiplyAdd(Vector512.Create(_oneMinusBeta1), g - s0, s0);
        s1 = VectorFma.MultiplyAdd(Vector512.Create(_oneMinusBeta2), VectorFma.MultiplyAdd(g, g, -s1), s1);
        s0 = SubnormalFlush.Flush(s0);
        s1 = SubnormalFlush.Flush(s1);
        return VectorFma.MultiplyAdd(Vector512.Create(_negativeLearningRate), s0 / (Vector512.Sqrt(s1) + Vector512.Create(_epsilon)), w);
    }
}
