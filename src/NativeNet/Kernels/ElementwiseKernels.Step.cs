using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>Heaviside step: <c>destination[i] = x[i] &gt; 0 ? 1 : 0</c> (0 at 0, and 0 for NaN).</summary>
    /// <param name="x">The input.</param>
    /// <param name="destination">The output; may be <paramref name="x"/> itself.</param>
    internal static void Step<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        UnaryDriver.Run(x, destination, default(StepOperator<T>));

    /// <summary>x &gt; 0 ? 1 : 0, as the compare mask AND one.</summary>
    private readonly struct StepOperator<T> : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => x > T.Zero ? T.One : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x) => Vector128.GreaterThan(x, Vector128<T>.Zero) & Vector128<T>.One;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x) => Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x) => Vector512.GreaterThan(x, Vector512<T>.Zero) & Vector512<T>.One;
    }
}
