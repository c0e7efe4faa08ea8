using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// <c>exp(x)</c> for the activation and softmax kernels. Float vectors use a Cephes-style polynomial
/// (measured faster than <c>Vector512.Exp</c> on Zen 5, max. relative error ≈ 1.2e-7); double vectors use
/// the runtime's <c>Vector512/256/128.Exp</c>; scalars use <c>T.Exp</c>.
/// </summary>
/// <remarks>
/// Float path: clamp x to [−104, 89] (beyond it the result is 0 or +∞ anyway), split
/// x = n·ln2 + r with |r| ≤ ln2/2 using a two-part ln2, approximate
/// eʳ ≈ 1 + r + r²·P₅(r), then multiply by 2ⁿ built from exponent bits in two halves 2^⌊n/2⌋·2^(n−⌊n/2⌋)
/// so overflow rounds to +∞ and deep underflow to (sub)normals or 0 without special cases.
/// The clamp uses the cheap native min/max (whose NaN behaviour is platform-specific) and n = round(x·log2 e)
/// comes from the 1.5·2²³ shift trick (one FMA, the integer read from the mantissa bits); NaN inputs are
/// restored by a final select, so NaN propagates on every platform. The Vector128 form multiplies then adds where
/// the hardware has no FMA (<see cref="VectorFma.IsFused128"/>); the argument split stays exact (n·Ln2High is exact)
/// and the error stays within the same bound.
/// </remarks>
internal readonly struct ExpOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const float MaxInput = 89f;
    private const float MinInput = -104f;
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;
    private const int FloatExponentBias = 127;

    // 1.5·2²³: adding it rounds a float of magnitude < 2²² to an integer held in the low mantissa bits.
    private const float RoundingShift = 12582912f;
    private const int FloatMantissaBits = 23;

    /// <summary>exp(x) for one element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Invoke(T x) => T.Exp(x);

    /// <summary>exp(x) lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<T> Invoke(Vector128<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return ExpFloat(x.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector128.Exp(x.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException();
    }

    /// <summary>exp(x) lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Invoke(Vector256<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return ExpFloat(x.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.Exp(x.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException();
    }

    /// <summary>exp(x) lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<T> Invoke(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return ExpFloat(x.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.Exp(x.AsDouble()).As<double, T>();
        }

        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpFloat(Vector128<float> x)
    {
        Vector128<float> input = x;
        x = Vector128.MinNative(Vector128.MaxNative(x, Vector128.Create(MinInput)), Vector128.Create(MaxInput));
        Vector128<float> shifted = VectorFma.MultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        Vector128<float> n = shifted - Vector128.Create(RoundingShift);
        // Stryker disable once Arithmetic : ni reaches the result only shifted left by 23 bits, and the shift's bit pattern
        // has its low 9 bits clear, so + and - give the same scale factors
        Vector128<int> ni = shifted.AsInt32() - Vector128.Create(RoundingShift).AsInt32();
        Vector128<float> r = VectorFma.MultiplyAdd(n, Vector128.Create(-Ln2High), x);
        r = VectorFma.MultiplyAdd(n, Vector128.Create(-Ln2Low), r);

        Vector128<float> p = VectorFma.MultiplyAdd(Vector128.Create(P0), r, Vector128.Create(P1));
        p = VectorFma.MultiplyAdd(p, r, Vector128.Create(P2));
        p = VectorFma.MultiplyAdd(p, r, Vector128.Create(P3));
        p = VectorFma.MultiplyAdd(p, r, Vector128.Create(P4));
        p = VectorFma.MultiplyAdd(p, r, Vector128.Create(P5));
        p = VectorFma.MultiplyAdd(p, r * r, r) + Vector128<float>.One;

        Vector128<int> half = Vector128.ShiftRightArithmetic(ni, 1);
        Vector128<float> scale1 = Vector128.ShiftLeft(half + Vector128.Create(FloatExponentBias), FloatMantissaBits).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(ni - half + Vector128.Create(FloatExponentBias), FloatMantissaBits).AsSingle();
        Vector128<float> result = p * scale1 * scale2;
        return Vector128.ConditionalSelect(Vector128.Equals(input, input), result, input);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpFloat(Vector256<float> x)
    {
        Vector256<float> input = x;
        x = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        // Stryker disable once Arithmetic : ni reaches the result only shifted left by 23 bits, and the shift's bit pattern
        // has its low 9 bits clear, so + and - give the same scale factors
        Vector256<int> ni = shifted.AsInt32() - Vector256.Create(RoundingShift).AsInt32();
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);

        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;

        Vector256<int> half = Vector256.ShiftRightArithmetic(ni, 1);
        Vector256<float> scale1 = Vector256.ShiftLeft(half + Vector256.Create(FloatExponentBias), FloatMantissaBits).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(ni - half + Vector256.Create(FloatExponentBias), FloatMantissaBits).AsSingle();
        Vector256<float> result = p * scale1 * scale2;
        return Vector256.ConditionalSelect(Vector256.Equals(input, input), result, input);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpFloat(Vector512<float> x)
    {
        Vector512<float> input = x;
        x = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        Vector512<float> shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        Vector512<float> n = shifted - Vector512.Create(RoundingShift);
        // Stryker disable once Arithmetic : ni reaches the result only shifted left by 23 bits, and the shift's bit pattern
        // has its low 9 bits clear, so + and - give the same scale factors
        Vector512<int> ni = shifted.AsInt32() - Vector512.Create(RoundingShift).AsInt32();
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);

        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;

        Vector512<int> half = Vector512.ShiftRightArithmetic(ni, 1);
        Vector512<float> scale1 = Vector512.ShiftLeft(half + Vector512.Create(FloatExponentBias), FloatMantissaBits).AsSingle();
        Vector512<float> scale2 = Vector512.ShiftLeft(ni - half + Vector512.Create(FloatExponentBias), FloatMantissaBits).AsSingle();
        Vector512<float> result = p * scale1 * scale2;
        return Vector512.ConditionalSelect(Vector512.Equals(input, input), result, input);
    }
}
