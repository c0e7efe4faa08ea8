using System.Numerics;

namespace NativeNet.Gradients;

/// <summary>
/// Derivatives and gradients by central differences, <c>f'(x) ≈ (f(x + h) - f(x - h)) / (2h)</c>, exactly as
/// the book computes them (ch. 4, <c>numerical_diff</c> and <c>numerical_gradient</c>, h = 1e-4). Slow (two function evaluations per element) but independent
/// of any backward pass, which is what makes it the yardstick for gradient checks.
/// </summary>
/// <remarks>
/// The step <c>h</c> trades truncation error (grows with <c>h²</c>) against rounding error (grows with
/// <c>ε/h</c>): <see cref="DefaultStep"/> = 1e-4 suits double; in float, where ε ≈ 1.2e-7, a step near 1e-2
/// and a loose tolerance are needed.
/// </remarks>
public static class NumericalDifferentiation
{
    /// <summary>The reference step <c>h = 1e-4</c> (meant for double precision).</summary>
    public const double DefaultStep = 1e-4;

    /// <summary>
    /// The central difference <c>(f(x + h) - f(x - h)) / (2h)</c> of a function of one variable, in double.
    /// For <c>f(x) = 0.01x² + 0.1x</c> at <c>x = 5</c> it gives <c>0.1999999999990898</c> like the reference.
    /// </summary>
    /// <param name="f">The function to differentiate.</param>
    /// <param name="x">The point.</param>
    /// <param name="h">The step; finite and greater than zero.</param>
    /// <returns>The approximate derivative at <paramref name="x"/>.</returns>
    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep) =>
        Derivative<double>(f, x, h);

    /// <summary>The central difference <c>(f(x + h) - f(x - h)) / (2h)</c> in the precision of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="f">The function to differentiate.</param>
    /// <param name="x">The point.</param>
    /// <param name="h">The step; finite and greater than zero.</param>
    /// <returns>The approximate derivative at <paramref name="x"/>.</returns>
    public static T Derivative<T>(Func<T, T> f, T x, T h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ValidateStep(h);
        return (f(x + h) - f(x - h)) / (T.CreateTruncating(2) * h);
    }

    /// <summary>
    /// The numerical gradient of a scalar function of a tensor of any shape (flattened): for each element
    /// <c>i</c>, <c>gradient[i] = (f(x with x[i] + h) - f(x with x[i] - h)) / (2h)</c>. The element is perturbed in
    /// place in <paramref name="x"/> and then restored by writing back its saved value (not by subtracting
    /// <c>h</c>, which would not round-trip), even when <paramref name="f"/> throws.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="f">The function; it receives <paramref name="x"/> itself (perturbed).</param>
    /// <param name="x">The point; unchanged on return.</param>
    /// <param name="gradient">Receives the gradient; same length as <paramref name="x"/>, must not overlap it.</param>
    /// <param name="h">The step; finite and greater than zero.</param>
    /// <exception cref="ShapeMismatchException">The lengths of <paramref name="x"/> and <paramref name="gradient"/> differ.</exception>
    public static void Gradient<T>(ScalarFunction<T> f, Span<T> x, Span<T> gradient, T h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        ValidateBuffers<T>(x, gradient, nameof(x));
        ValidateStep(h);
        T twoH = T.CreateTruncating(2) * h;
        for (int i = 0; i < x.Length; i++)
        {
            T saved = x[i];
            try
            {
                x[i] = saved + h;
                T plus = f(x);
                x[i] = saved - h;
                T minus = f(x);
                gradient[i] = (plus - minus) / twoH;
            }
            finally
            {
                x[i] = saved;
            }
        }
    }

    /// <summary>
    /// <see cref="Gradient{T}(ScalarFunction{T}, Span{T}, Span{T}, T)"/> in double with the reference step
    /// <see cref="DefaultStep"/>.
    /// </summary>
    /// <param name="f">The function; it receives <paramref name="x"/> itself (perturbed).</param>
    /// <param name="x">The point; unchanged on return.</param>
    /// <param name="gradient">Receives the gradient; same length as <paramref name="x"/>, must not overlap it.</param>
    /// <param name="h">The step; finite and greater than zero.</param>
    public static void Gradient(ScalarFunction<double> f, Span<double> x, Span<double> gradient, double h = DefaultStep) =>
        Gradient<double>(f, x, gradient, h);

    /// <summary>
    /// The numerical gradient of a loss that reads <paramref name="parameters"/> through a closure (a
    /// "function of nothing", as a network's loss on a fixed batch is): each parameter is perturbed in place by
    /// <c>±h</c>, the loss evaluated, and the saved value written back, even when <paramref name="loss"/> throws.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="loss">Evaluates the loss at the current contents of <paramref name="parameters"/>.</param>
    /// <param name="parameters">The buffer the loss reads; unchanged on return.</param>
    /// <param name="gradient">Receives <c>∂loss/∂parameters</c>; same length, must not overlap <paramref name="parameters"/>.</param>
    /// <param name="h">The step; finite and greater than zero.</param>
    /// <exception cref="ShapeMismatchException">The lengths of <paramref name="parameters"/> and <paramref name="gradient"/> differ.</exception>
    public static void Gradient<T>(Func<T> loss, Span<T> parameters, Span<T> gradient, T h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        ValidateBuffers<T>(parameters, gradient, nameof(parameters));
        ValidateStep(h);
        T twoH = T.CreateTruncating(2) * h;
        for (int i = 0; i < parameters.Length; i++)
        {
            T saved = parameters[i];
            try
            {
                parameters[i] = saved + h;
                T plus = loss();
                parameters[i] = saved - h;
                T minus = loss();
                gradient[i] = (plus - minus) / twoH;
            }
            finally
            {
                parameters[i] = saved;
            }
        }
    }

    /// <summary>
    /// Allocating convenience: the numerical gradient of <paramref name="f"/> at a copy of <paramref name="x"/>,
    /// with step <paramref name="h"/>. For <c>f(x) = x0² + x1²</c> at <c>(3, 4)</c> it gives <c>(6, 8)</c>.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point (not modified; a copy is perturbed).</param>
    /// <param name="h">The step; finite and greater than zero.</param>
    /// <returns>A new array with the gradient.</returns>
    public static double[] Gradient(ScalarFunction<double> f, ReadOnlySpan<double> x, double h = DefaultStep)
    {
        double[] point = x.ToArray();
        var gradient = new double[x.Length];
        Gradient<double>(f, point, gradient, h);
        return gradient;
    }

    private static void ValidateBuffers<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradient, string xName)
    {
        if (x.Length != gradient.Length)
        {
            throw new ShapeMismatchException(
                $"The gradient has length {gradient.Length} but '{xName}' has length {x.Length}; they must be equal.",
                nameof(gradient));
        }

        if (x.Overlaps(gradient))
        {
            throw new ArgumentException($"The gradient buffer overlaps '{xName}'; writing it would corrupt the point.", nameof(gradient));
        }
    }

    private static void ValidateStep<T>(T h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(h) || h <= T.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "The difference step h must be finite and greater than zero.");
        }
    }
}
