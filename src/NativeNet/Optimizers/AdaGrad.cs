using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Optimizers;

/// <summary>
/// AdaGrad: <c>h ← h + g²; W ← W - lr · g / (sqrt(h) + 1e-7)</c> (reference default lr 0.01): each parameter's
/// step shrinks with the sum of its squared gradients. State: <c>h</c>, starting at zero.
/// </summary>
/// <typeparam name="T">The element type (float or double).</typeparam>
public sealed class AdaGrad<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _squaredGradientSum;

    /// <summary>Creates AdaGrad for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    public AdaGrad(int parameterCount, T learningRate)
        : base(parameterCount, learningRate, "h")
    {
        _squaredGradientSum = StateArray(0);
    }

    /// <summary>Creates AdaGrad with the reference learning rate 0.01.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    public AdaGrad(int parameterCount)
        : this(parameterCount, T.CreateTruncating(OptimizerDefaults.LearningRate))
    {
    }

    /// <inheritdoc/>
    public override string Name => "adagrad";

    /// <summary>Describes the method and its hyperparameters, for logs.</summary>
    /// <returns>For example <c>adagrad(lr=0.01)</c>.</returns>
    public override string ToString() => $"adagrad(lr={LearningRate})";

    /// <inheritdoc/>
    protected override void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients) =>
        FusedUpdateDriver.Run(parameters, gradients, _squaredGradientSum, default, new AdaGradUpdate<T>(LearningRate));
}

/// <summary><c>h ← h + g²; W ← W - lr · g / (sqrt(h) + 1e-7)</c>; state 0 is <c>h</c>.</summary>
internal readonly struct AdaGradUpdate<T>(T learningRate) : IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _epsilon = T.CreateTruncating(OptimizerDefaults.Epsilon);
    private readonly T _negativeLearningRate = -learningRate;

    public static int StateCount => 1;

    public T Invoke(T w, T g, ref T s0, ref T s1)
    {
        s0 = VectorFma.MultiplyAdd(g, g, s0);
        return VectorFma.MultiplyAdd(_negativeLearningRate, g / (T.Sqrt(s0) + _epsilon), w);
    }

    public Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1)
    {
        s0 = VectorFma.MultiplyAdd(g, g, s0);
        return VectorFma.MultiplyAdd(Vector128.Create(_negativeLearningRate), g / (Vector128.Sqrt(s0) + Vector128.Create(_epsilon)), w);
    }

    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1)
    {
        s0 = VectorFma.MultiplyAdd(g, g, s0);
        return VectorFma.MultiplyAdd(Vector256.Create(_negativeLearningRate), g / (Vector256.Sqrt(s0) + Vector256.Create(_epsilon)), w);
    }

    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1)
    {
        s0 = VectorFma.MultiplyAdd(g, g, s0);
        return VectorFma.MultiplyAdd(Vector512.Create(_negativeLearningRate), g / (Vector512.Sqrt(s0) + Vector512.Create(_epsilon)), w);
    }
}
