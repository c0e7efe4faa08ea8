using System.Numerics;

namespace NativeNet.Gradients;

/// <summary>
/// The outcome of <see cref="GradientDescent.Run{T}(ScalarFunction{T}, ReadOnlySpan{T}, T, int, T)"/>: the final
/// point and every point visited, for plotting the descent path.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class GradientDescentResult<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal GradientDescentResult(T[] final, T[][] path)
    {
        Final = final;
        Path = path;
    }

    /// <summary>The point after the last step (the reference's returned <c>x</c>).</summary>
    public T[] Final { get; }

    /// <summary>
    /// <c>steps + 1</c> points: <c>Path[0]</c> is the start and <c>Path[k]</c> the point after step <c>k</c>, so
    /// <c>Path[^1]</c> equals <see cref="Final"/>. The reference's <c>x_history</c> is <c>Path[0..steps]</c>
    /// (it records each point before its step and omits the final one).
    /// </summary>
    public T[][] Path { get; }

    /// <summary>The number of steps taken (<c>Path.Length - 1</c>).</summary>
    public int Steps => Path.Length - 1;
}
