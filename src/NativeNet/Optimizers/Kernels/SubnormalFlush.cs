using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Optimizers.Kernels;

/// <summary>
/// Flushes optimizer state that has decayed below the smallest normal number to zero. State of a parameter whose
/// gradient stays 0 (a dead ReLU unit) decays geometrically (momentum's <c>v ← m · v</c>, RMSprop's
/// <c>h ← d · h</c>, Adam's moments) into the subnormal range, where every later FMA on it is many times slower; a flushed value
/// changes <c>W</c> by less than the smallest normal number (times lr / 1e-7 for RMSprop), far below its rounding.
/// </summary>
internal static class SubnormalFlush
{
    private static readonly float _minNormalSingle = 1.17549435e-38f; // float.MinNormal
    private static readonly double _minNormalDouble = 2.2250738585072014e-308; // double.MinNormal

    /// <summary>The smallest positive normal value of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <returns>2⁻¹²⁶ for float, 2⁻¹⁰²² for double.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MinNormal<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateTruncating(_minNormalSingle) : T.CreateTruncating(_minNormalDouble);

    /// <summary>Returns 0 when <c>|x|</c> is below the smallest normal value, otherwise <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Flush<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Abs(x) < MinNormal<T>() ? T.Zero : x;

    /// <summary>Zeroes the lanes whose magnitude is below the smallest normal value; NaN lanes stay NaN, as in the scalar form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Flush<T>(Vector128<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector128.AndNot(x, Vector128.LessThan(Vector128.Abs(x), Vector128.Create(MinNormal<T>())));

    /// <summary>Zeroes the lanes whose magnitude is below the smallest normal value; NaN lanes stay NaN, as in the scalar form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Flush<T>(Vector256<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector256.AndNot(x, Vector256.LessThan(Vector256.Abs(x), Vector256.Create(MinNormal<T>())));

    /// <summary>Zeroes the lanes whose magnitude is below the smallest normal value; NaN lanes stay NaN, as in the scalar form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Flush<T>(Vector512<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.AndNot(x, Vector512.LessThan(Vector512.Abs(x), Vector512.Create(MinNormal<T>())));
}
