using System.Numerics;

namespace NativeNet.Gradients;

// TEMPORARY: naive stand-in for the numerical differentiation being written on another branch.
// This file is deleted when the real one is merged; nothing else may live here.

/// <summary>Numerical derivatives by central differences (naive stand-in).</summary>
public static class NumericalDifferentiation
{
    /// <summary>
    /// <c>gradient[i] = (loss(p + h·e_i) - loss(p - h·e_i)) / 2h</c> for a loss closing over
    /// <paramref name="parameters"/>; each element is restored exactly afterwards.
    /// </summary>
    public static void Gradient<T>(Func<T> loss, Span<T> parameters, Span<T> gradient, T h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        for (int i = 0; i < parameters.Length; i++)
        {
            T saved = parameters[i];
            parameters[i] = saved + h;
            T plus = loss();
            parameters[i] = saved - h;
            T minus = loss();
            parameters[i] = saved;
            gradient[i] = (plus - minus) / (h + h);
        }
    }
}
