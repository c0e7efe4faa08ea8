namespace NativeNet.Gradients;

/// <summary>
/// A real-valued function of a tensor given as a flat, row-major span (any shape flattens to one span).
/// Numerical differentiation calls it with the caller's own buffer, one element perturbed at a time, so
/// the function must read <paramref name="x"/> on every call and must not keep the span.
/// </summary>
/// <typeparam name="T">The element type (<see cref="float"/> or <see cref="double"/>).</typeparam>
/// <param name="x">The point at which to evaluate the function.</param>
/// <returns>The function value <c>f(x)</c>.</returns>
public delegate T ScalarFunction<T>(ReadOnlySpan<T> x);
