using System.Numerics;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;
using NativeNet.Optimizers.Kernels;

namespace NativeNet.Optimizers;

/// <summary>Stochastic gradient descent, <c>W ← W - lr · g</c> (reference default lr 0.01). No state.</summary>
/// <typeparam name="T">The element type (float or double).</typeparam>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates SGD for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    public Sgd(int parameterCount, T learningRate)
        : base(parameterCount, learningRate)
    {
    }

    /// <summary>Creates SGD with the reference learning rate 0.01.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient buffers.</param>
    public Sgd(int parameterCount)
        : this(parameterCount, T.CreateTruncating(OptimizerDefaults.LearningRate))
    {
    }

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <summary>Describes the method and its hyperparameters, for logs.</summary>
    /// <returns>For example <c>sgd(lr=0.01)</c>.</returns>
    public override string ToString() => $"sgd(lr={LearningRate})";

    /// <inheritdoc/>
    protected override void StepCore(Span<T> parameters, ReadOnlySpan<T> gradients) =>
        FusedUpdateDriver.Run(parameters, gradients, default, default, new SgdUpdate<T>(LearningRate));
}

/// <summary><c>W ← W - lr · g</c>, as one FMA.</summary>
internal readonly struct SgdUpdate<T>(T learningRate) : IFusedUpdateOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _negativeLearningRate = -learningRate;

    public static int StateCount => 0;

    public T Invoke(T w, T g, ref T s0, ref T s1) => VectorFma.MultiplyAdd(_negativeLearningRate, g, w);

    public Vector128<T> Invoke(Vector128<T> w, Vector128<T> g, ref Vector128<T> s0, ref Vector128<T> s1) =>
        VectorFma.MultiplyAdd(Vector128.Create(_negativeLearningRate), g, w);

    public Vector256<T> Invoke(Vector256<T> w, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1) =>
        VectorFma.MultiplyAdd(Vector256.Create(_negativeLearningRate), g, w);

    public Vector512<T> Invoke(Vector512<T> w, Vector512<T> g, ref Vector512<T> s0, ref Vector512<T> s1) =>
        VectorFma.MultiplyAdd(Vector512.Create(_negativeLearningRate), g, w);
}
