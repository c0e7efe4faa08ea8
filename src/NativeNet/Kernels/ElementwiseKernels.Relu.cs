using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>ReLU: <c>destination[i] = max(x[i], 0)</c>. NaN stays NaN (so a diverged run stays visible).</summary>
    /// <param name="x">The pre-activations.</param>
    /// <param name="destination">The activations; may be <paramref name="x"/> itself.</param>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        UnaryDriver.Run(x, destination, default(ReluOperator<T>));

    /// <summary>
    /// ReLU gradient: <c>dx[i] = x[i] &gt; 0 ? dy[i] : 0</c> (the subgradient at 0 is taken as 0; a NaN
    /// <c>x</c> passes no gradient). One compare-and-mask pass.
    /// </summary>
    /// <param name="x">The forward input (pre-activation) cached by the layer.</param>
    /// <param name="dy">The gradient with respect to the ReLU output.</param>
    /// <param name="dx">The gradient with respect to <paramref name="x"/>; may be <paramref name="dy"/> itself.</param>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BinaryDriver.Run(x, dy, dx, default(ReluGradientOperator<T>));

    /// <summary>max(x, 0), NaN-propagating.</summary>
    private readonly struct ReluOperator<T> : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => T.Max(x, T.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x) => Vector128.Max(x, Vector128<T>.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x) => Vector512.Max(x, Vector512<T>.Zero);
    }

    /// <summary>x &gt; 0 ? dy : 0, as a mask: the all-ones compare result AND dy.</summary>
    private readonly struct ReluGradientOperator<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x, T dy) => x > T.Zero ? dy : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x, Vector128<T> dy) => Vector128.GreaterThan(x, Vector128<T>.Zero) & dy;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy) => Vector256.GreaterThan(x, Vector256<T>.Zero) & dy;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy) => Vector512.GreaterThan(x, Vector512<T>.Zero) & dy;
    }
}
