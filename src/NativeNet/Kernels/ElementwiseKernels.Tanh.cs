using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Hyperbolic tangent: <c>destination[i] = tanh(x[i])</c>. Vectors use the Cephes split: for |x| &lt; 0.625 an
    /// odd polynomial (float) or rational function (double) in x², which keeps the relative accuracy near 0;
    /// otherwise <c>sign(x)·(1 − e)/(1 + e)</c> with <c>e = exp(−2|x|)</c>, which cannot overflow (±∞ → ±1).
    /// NaN stays NaN.
    /// </summary>
    /// <param name="x">The pre-activations.</param>
    /// <param name="destination">The activations; may be <paramref name="x"/> itself.</param>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        UnaryDriver.Run(x, destination, default(TanhOperator<T>));

    /// <summary>Tanh gradient from the forward output: <c>dx[i] = dy[i] · (1 − y[i]²)</c>.</summary>
    /// <param name="y">The tanh output cached by the layer.</param>
    /// <param name="dy">The gradient with respect to <paramref name="y"/>.</param>
    /// <param name="dx">The gradient with respect to the pre-activation; may be <paramref name="y"/> or <paramref name="dy"/>.</param>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BinaryDriver.Run(y, dy, dx, default(TanhGradientOperator<T>));

    /// <summary>tanh(x): small-|x| polynomial/rational, else sign(x)·(1 − e)/(1 + e) with e = exp(−2|x|).</summary>
    private readonly struct TanhOperator<T> : IUnaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private const double SmallLimit = 0.625;

        // Cephes tanhf: tanh(x) ≈ x + x·z·F(z), z = x², |x| < 0.625.
        private const float F0 = -5.70498872745e-3f;
        private const float F1 = 2.06390887954e-2f;
        private const float F2 = -5.37397155531e-2f;
        private const float F3 = 1.33314422036e-1f;
        private const float F4 = -3.33332819422e-1f;

        // Cephes tanh (double): tanh(x) ≈ x + x·z·P(z)/Q(z), Q monic, |x| < 0.625.
        private const double P0 = -9.64399179425052238628e-1;
        private const double P1 = -9.92877231001918586564e1;
        private const double P2 = -1.61468768441708447952e3;
        private const double Q0 = 1.12811678491632931402e2;
        private const double Q1 = 2.23548839060100448583e3;
        private const double Q2 = 4.84406305325125486048e3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T x) => T.Tanh(x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> x)
        {
            Vector128<T> ax = Vector128.Abs(x);
            Vector128<T> e = default(ExpOperator<T>).Invoke(ax * Vector128.Create(T.CreateTruncating(-2.0)));
            Vector128<T> large = (Vector128<T>.One - e) / (Vector128<T>.One + e);
            large = Vector128.ConditionalSelect(Vector128.Create(T.NegativeZero), x, large); // copy the sign of x
            Vector128<T> z = x * x;
            Vector128<T> small;
            if (typeof(T) == typeof(float))
            {
                Vector128<float> zf = z.AsSingle();
                Vector128<float> f = VectorFma.MultiplyAdd(Vector128.Create(F0), zf, Vector128.Create(F1));
                f = VectorFma.MultiplyAdd(f, zf, Vector128.Create(F2));
                f = VectorFma.MultiplyAdd(f, zf, Vector128.Create(F3));
                f = VectorFma.MultiplyAdd(f, zf, Vector128.Create(F4));
                small = VectorFma.MultiplyAdd(f * zf, x.AsSingle(), x.AsSingle()).As<float, T>();
            }
            else
            {
                Vector128<double> zd = z.AsDouble();
                Vector128<double> p = VectorFma.MultiplyAdd(Vector128.Create(P0), zd, Vector128.Create(P1));
                p = VectorFma.MultiplyAdd(p, zd, Vector128.Create(P2));
                Vector128<double> q = zd + Vector128.Create(Q0);
                q = VectorFma.MultiplyAdd(q, zd, Vector128.Create(Q1));
                q = VectorFma.MultiplyAdd(q, zd, Vector128.Create(Q2));
                small = VectorFma.MultiplyAdd(zd * p / q, x.AsDouble(), x.AsDouble()).As<double, T>();
            }

            return Vector128.ConditionalSelect(Vector128.LessThan(ax, Vector128.Create(T.CreateTruncating(SmallLimit))), small, large);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> x)
        {
            Vector256<T> ax = Vector256.Abs(x);
            Vector256<T> e = default(ExpOperator<T>).Invoke(ax * Vector256.Create(T.CreateTruncating(-2.0)));
            Vector256<T> large = (Vector256<T>.One - e) / (Vector256<T>.One + e);
            large = Vector256.ConditionalSelect(Vector256.Create(T.NegativeZero), x, large); // copy the sign of x
            Vector256<T> z = x * x;
            Vector256<T> small;
            if (typeof(T) == typeof(float))
            {
                Vector256<float> zf = z.AsSingle();
                Vector256<float> f = Vector256.FusedMultiplyAdd(Vector256.Create(F0), zf, Vector256.Create(F1));
                f = Vector256.FusedMultiplyAdd(f, zf, Vector256.Create(F2));
                f = Vector256.FusedMultiplyAdd(f, zf, Vector256.Create(F3));
                f = Vector256.FusedMultiplyAdd(f, zf, Vector256.Create(F4));
                small = Vector256.FusedMultiplyAdd(f * zf, x.AsSingle(), x.AsSingle()).As<float, T>();
            }
            else
            {
                Vector256<double> zd = z.AsDouble();
                Vector256<double> p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), zd, Vector256.Create(P1));
                p = Vector256.FusedMultiplyAdd(p, zd, Vector256.Create(P2));
                Vector256<double> q = zd + Vector256.Create(Q0);
                q = Vector256.FusedMultiplyAdd(q, zd, Vector256.Create(Q1));
                q = Vector256.FusedMultiplyAdd(q, zd, Vector256.Create(Q2));
                small = Vector256.FusedMultiplyAdd(zd * p / q, x.AsDouble(), x.AsDouble()).As<double, T>();
            }

            return Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(T.CreateTruncating(SmallLimit))), small, large);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> x)
        {
            Vector512<T> ax = Vector512.Abs(x);
            Vector512<T> e = default(ExpOperator<T>).Invoke(ax * Vector512.Create(T.CreateTruncating(-2.0)));
            Vector512<T> large = (Vector512<T>.One - e) / (Vector512<T>.One + e);
            large = Vector512.ConditionalSelect(Vector512.Create(T.NegativeZero), x, large); // copy the sign of x
            Vector512<T> z = x * x;
            Vector512<T> small;
            if (typeof(T) == typeof(float))
            {
                Vector512<float> zf = z.AsSingle();
                Vector512<float> f = Vector512.FusedMultiplyAdd(Vector512.Create(F0), zf, Vector512.Create(F1));
                f = Vector512.FusedMultiplyAdd(f, zf, Vector512.Create(F2));
                f = Vector512.FusedMultiplyAdd(f, zf, Vector512.Create(F3));
                f = Vector512.FusedMultiplyAdd(f, zf, Vector512.Create(F4));
                small = Vector512.FusedMultiplyAdd(f * zf, x.AsSingle(), x.AsSingle()).As<float, T>();
            }
            else
            {
                Vector512<double> zd = z.AsDouble();
                Vector512<double> p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), zd, Vector512.Create(P1));
                p = Vector512.FusedMultiplyAdd(p, zd, Vector512.Create(P2));
                Vector512<double> q = zd + Vector512.Create(Q0);
                q = Vector512.FusedMultiplyAdd(q, zd, Vector512.Create(Q1));
                q = Vector512.FusedMultiplyAdd(q, zd, Vector512.Create(Q2));
                small = Vector512.FusedMultiplyAdd(zd * p / q, x.AsDouble(), x.AsDouble()).As<double, T>();
            }

            return Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(T.CreateTruncating(SmallLimit))), small, large);
        }
    }

    /// <summary>dy · (1 − y²), with 1 − y² formed by one FMA.</summary>
    private readonly struct TanhGradientOperator<T> : IBinaryOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Invoke(T y, T dy) => dy * T.FusedMultiplyAdd(-y, y, T.One);

        // Without a fused multiply-add, 1 − y² would lose the rounding of y² to cancellation near |y| = 1;
        // (1 − y)·(1 + y) stays within three roundings (the factor near 0 is exact for |y| ≥ ½).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<T> Invoke(Vector128<T> y, Vector128<T> dy) =>
            dy * (VectorFma.IsFused128 ? VectorFma.MultiplyAdd(-y, y, Vector128<T>.One) : (Vector128<T>.One - y) * (Vector128<T>.One + y));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) => dy * VectorFma.MultiplyAdd(-y, y, Vector256<T>.One);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) => dy * VectorFma.MultiplyAdd(-y, y, Vector512<T>.One);
    }
}
