using System.Numerics;

namespace NativeNet.Gradients;

/// <summary>
/// Plain gradient descent <c>x ← x - lr · ∇f(x)</c> with a numerical gradient, the reference's
/// <c>gradient_descent</c> (the book's ch. 4): the demonstration that a learning rate too large diverges and one
/// too small stalls. From <c>(-3, 4)</c> on <c>f = x0² + x1²</c>, 100 steps of lr 0.1 reach
/// <c>(-6.11110793e-10, 8.14814391e-10)</c>.
/// </summary>
public static class GradientDescent
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps of <c>x ← x - lr · g</c>, where <c>g</c> is the central-difference
    /// gradient with step <paramref name="h"/>. The update is deliberately not an FMA, so the divergent and
    /// stalled runs round exactly like the reference.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="f">The function to minimise.</param>
    /// <param name="init">The starting point (not modified).</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="steps">The number of steps; zero or more.</param>
    /// <param name="h">The difference step; finite and greater than zero.</param>
    /// <returns>The final point and the whole path.</returns>
    public static GradientDescentResult<T> Run<T>(ScalarFunction<T> f, ReadOnlySpan<T> init, T learningRate, int steps, T h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!T.IsFinite(learningRate) || learningRate <= T.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and greater than zero.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(steps);

        T[] x = init.ToArray();
        var gradient = new T[x.Length];
        var path = new T[steps + 1][];
        path[0] = init.ToArray();
        for (int step = 1; step <= steps; step++)
        {
            NumericalDifferentiation.Gradient(f, x, gradient, h);
            for (int i = 0; i < x.Length; i++)
            {
                x[i] -= learningRate * gradient[i];
            }

            path[step] = (T[])x.Clone();
        }

        return new GradientDescentResult<T>(x, path);
    }

    /// <summary>
    /// <see cref="Run{T}(ScalarFunction{T}, ReadOnlySpan{T}, T, int, T)"/> in double with the reference defaults
    /// (lr 0.01, 100 steps, <c>h = 1e-4</c>).
    /// </summary>
    /// <param name="f">The function to minimise.</param>
    /// <param name="init">The starting point (not modified).</param>
    /// <param name="learningRate">The learning rate; finite and greater than zero.</param>
    /// <param name="steps">The number of steps; zero or more.</param>
    /// <param name="h">The difference step; finite and greater than zero.</param>
    /// <returns>The final point and the whole path.</returns>
    public static GradientDescentResult<double> Run(
        ScalarFunction<double> f,
        ReadOnlySpan<double> init,
        double learningRate = 0.01,
        int steps = 100,
        double h = NumericalDifferentiation.DefaultStep) =>
        Run<double>(f, init, learningRate, steps, h);
}
