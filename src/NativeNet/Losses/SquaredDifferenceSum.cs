using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;

namespace NativeNet.Losses;

/// <summary>
/// <c>Σ (y_i - t_i)²</c> accumulated in double whatever <c>T</c> is: float inputs are widened before the
/// subtraction, so each difference is exact and a long sum does not drift by float rounding.
/// </summary>
internal static class SquaredDifferenceSum
{
    public static double Compute<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Stryker disable once Block : without this branch the generic loop below gives the same sum up to rounding
        if (typeof(T) == typeof(float))
        {
            return OfSingles(MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(t));
        }

        // Stryker disable once Block : without this branch the generic loop below gives the same sum up to rounding
        if (typeof(T) == typeof(double))
        {
            return OfDoubles(MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(t));
        }

        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double d = double.CreateTruncating(y[i]) - double.CreateTruncating(t[i]);
            sum += d * d;
        }

        return sum;
    }

    private static double OfDoubles(ReadOnlySpan<double> y, ReadOnlySpan<double> t)
    {
        ref double yRef = ref MemoryMarshal.GetReference(y);
        ref double tRef = ref MemoryMarshal.GetReference(t);
        int n = y.Length;
        int i = 0;
        double sum = 0;
        KernelPath path = VectorPath.Widest<double>();
        // Stryker disable once Equality,Logical,Boolean : which width's loop takes which elements changes only the
        // rounding of the sum (the tests compare with a tolerance), not what is summed
        if (path == KernelPath.Vector512 && n >= Vector512<double>.Count)
        {
            Vector512<double> acc = Vector512<double>.Zero;
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512<double> d = Vector512.LoadUnsafe(ref yRef, (nuint)i) - Vector512.LoadUnsafe(ref tRef, (nuint)i);
                acc = Vector512.FusedMultiplyAdd(d, d, acc);
            }

            sum = Vector512.Sum(acc);
        }
        else if (path >= KernelPath.Vector256 && n >= Vector256<double>.Count)
        {
            Vector256<double> acc = Vector256<double>.Zero;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> d = Vector256.LoadUnsafe(ref yRef, (nuint)i) - Vector256.LoadUnsafe(ref tRef, (nuint)i);
                acc = Vector256.FusedMultiplyAdd(d, d, acc);
            }

            sum = Vector256.Sum(acc);
        }
        else if (path >= KernelPath.Vector128 && n >= Vector128<double>.Count)
        {
            Vector128<double> acc = Vector128<double>.Zero;
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                Vector128<double> d = Vector128.LoadUnsafe(ref yRef, (nuint)i) - Vector128.LoadUnsafe(ref tRef, (nuint)i);
                acc = VectorFma.MultiplyAdd(d, d, acc);
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            double d = Unsafe.Add(ref yRef, i) - Unsafe.Add(ref tRef, i);
            sum = Math.FusedMultiplyAdd(d, d, sum);
        }

        return sum;
    }

    private static double OfSingles(ReadOnlySpan<float> y, ReadOnlySpan<float> t)
    {
        ref float yRef = ref MemoryMarshal.GetReference(y);
        ref float tRef = ref MemoryMarshal.GetReference(t);
        int n = y.Length;
        int i = 0;
        double sum = 0;
        KernelPath path = VectorPath.Widest<float>();
        // Stryker disable once Equality,Logical,Boolean : which width's loop takes which elements changes only the
        // rounding of the sum (the tests compare with a tolerance), not what is summed
        if (path == KernelPath.Vector512 && n >= Vector512<float>.Count)
        {
            Vector512<double> acc = Vector512<double>.Zero;
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                (Vector512<double> yLo, Vector512<double> yHi) = Vector512.Widen(Vector512.LoadUnsafe(ref yRef, (nuint)i));
                (Vector512<double> tLo, Vector512<double> tHi) = Vector512.Widen(Vector512.LoadUnsafe(ref tRef, (nuint)i));
                Vector512<double> dLo = yLo - tLo;
                Vector512<double> dHi = yHi - tHi;
                acc = Vector512.FusedMultiplyAdd(dLo, dLo, acc);
                acc = Vector512.FusedMultiplyAdd(dHi, dHi, acc);
            }

            sum = Vector512.Sum(acc);
        }
        else if (path >= KernelPath.Vector256 && n >= Vector256<float>.Count)
        {
            Vector256<double> acc = Vector256<double>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256<double> yLo, Vector256<double> yHi) = Vector256.Widen(Vector256.LoadUnsafe(ref yRef, (nuint)i));
                (Vector256<double> tLo, Vector256<double> tHi) = Vector256.Widen(Vector256.LoadUnsafe(ref tRef, (nuint)i));
                Vector256<double> dLo = yLo - tLo;
                Vector256<double> dHi = yHi - tHi;
                acc = Vector256.FusedMultiplyAdd(dLo, dLo, acc);
                acc = Vector256.FusedMultiplyAdd(dHi, dHi, acc);
            }

            sum = Vector256.Sum(acc);
        }
        else if (path >= KernelPath.Vector128 && n >= Vector128<float>.Count)
        {
            // Without FMA (x64 SSE) the square and the add round separately.
            Vector128<double> acc = Vector128<double>.Zero;
            for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                (Vector128<double> yLo, Vector128<double> yHi) = Vector128.Widen(Vector128.LoadUnsafe(ref yRef, (nuint)i));
                (Vector128<double> tLo, Vector128<double> tHi) = Vector128.Widen(Vector128.LoadUnsafe(ref tRef, (nuint)i));
                Vector128<double> dLo = yLo - tLo;
                Vector128<double> dHi = yHi - tHi;
                acc = VectorFma.MultiplyAdd(dLo, dLo, acc);
                acc = VectorFma.MultiplyAdd(dHi, dHi, acc);
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            double d = (double)Unsafe.Add(ref yRef, i) - Unsafe.Add(ref tRef, i);
            sum = Math.FusedMultiplyAdd(d, d, sum);
        }

        return sum;
    }
}
