using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// <c>Σ x[i]²</c> (the L2 weight-decay penalty before its ½λ factor). Accumulated in double with
    /// four vector accumulators (float input is widened first), so the float result is correctly rounded
    /// for any practical length and the double result has error ≈ (n/32)·ε·Σx².
    /// </summary>
    /// <param name="x">The values (typically all weights of a network).</param>
    /// <returns>The sum of squares, rounded to <typeparamref name="T"/>; 0 for an empty span.</returns>
    internal static T SumOfSquares<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Stryker disable once Block : without this branch the generic loop below gives the same sum up to rounding
        if (typeof(T) == typeof(float))
        {
            return T.CreateTruncating(SumOfSquaresWidened(MemoryMarshal.Cast<T, float>(x)));
        }

        // Stryker disable once Equality,Block : without this branch the generic loop below gives the same sum up to rounding
        if (typeof(T) == typeof(double))
        {
            return T.CreateTruncating(SumOfSquaresDouble(MemoryMarshal.Cast<T, double>(x)));
        }

        double sum = 0;
        foreach (T value in x)
        {
            double v = double.CreateTruncating(value);
            sum = Math.FusedMultiplyAdd(v, v, sum);
        }

        return T.CreateTruncating(sum);
    }

    private static double SumOfSquaresWidened(ReadOnlySpan<float> x)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length;
        nuint i = 0;
        double sum = 0;
        KernelPath path = VectorPath.Widest<float>();
        // Stryker disable once Equality : which width's loop takes which elements changes only the rounding of the sum
        // (the tests compare with a tolerance), not what is summed
        if (path == KernelPath.Vector512)
        {
            nuint c = (nuint)Vector512<float>.Count;
            Vector512<double> a0 = Vector512<double>.Zero, a1 = Vector512<double>.Zero, a2 = Vector512<double>.Zero, a3 = Vector512<double>.Zero;
            for (; i + (2 * c) <= n; i = VectorLoop.Next(i, 2 * c))
            {
                (Vector512<double> l0, Vector512<double> h0) = Vector512.Widen(Vector512.LoadUnsafe(ref xr, i));
                (Vector512<double> l1, Vector512<double> h1) = Vector512.Widen(Vector512.LoadUnsafe(ref xr, i + c));
                a0 = Vector512.FusedMultiplyAdd(l0, l0, a0);
                a1 = Vector512.FusedMultiplyAdd(h0, h0, a1);
                a2 = Vector512.FusedMultiplyAdd(l1, l1, a2);
                a3 = Vector512.FusedMultiplyAdd(h1, h1, a3);
            }

            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (path == KernelPath.Vector256)
        {
            nuint c = (nuint)Vector256<float>.Count;
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero, a2 = Vector256<double>.Zero, a3 = Vector256<double>.Zero;
            for (; i + (2 * c) <= n; i = VectorLoop.Next(i, 2 * c))
            {
                (Vector256<double> l0, Vector256<double> h0) = Vector256.Widen(Vector256.LoadUnsafe(ref xr, i));
                (Vector256<double> l1, Vector256<double> h1) = Vector256.Widen(Vector256.LoadUnsafe(ref xr, i + c));
                a0 = Vector256.FusedMultiplyAdd(l0, l0, a0);
                a1 = Vector256.FusedMultiplyAdd(h0, h0, a1);
                a2 = Vector256.FusedMultiplyAdd(l1, l1, a2);
                a3 = Vector256.FusedMultiplyAdd(h1, h1, a3);
            }

            sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
        else if (path == KernelPath.Vector128)
        {
            // A float squared is exact in double, so the unfused multiply-add of x64 without FMA rounds the same.
            nuint c = (nuint)Vector128<float>.Count;
            Vector128<double> a0 = Vector128<double>.Zero, a1 = Vector128<double>.Zero, a2 = Vector128<double>.Zero, a3 = Vector128<double>.Zero;
            for (; i + (2 * c) <= n; i = VectorLoop.Next(i, 2 * c))
            {
                (Vector128<double> l0, Vector128<double> h0) = Vector128.Widen(Vector128.LoadUnsafe(ref xr, i));
                (Vector128<double> l1, Vector128<double> h1) = Vector128.Widen(Vector128.LoadUnsafe(ref xr, i + c));
                a0 = VectorFma.MultiplyAdd(l0, l0, a0);
                a1 = VectorFma.MultiplyAdd(h0, h0, a1);
                a2 = VectorFma.MultiplyAdd(l1, l1, a2);
                a3 = VectorFma.MultiplyAdd(h1, h1, a3);
            }

            sum = Vector128.Sum((a0 + a1) + (a2 + a3));
        }

        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref xr, i);
            sum = Math.FusedMultiplyAdd(v, v, sum);
        }

        return sum;
    }

    private static double SumOfSquaresDouble(ReadOnlySpan<double> x)
    {
        ref double xr = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length;
        nuint i = 0;
        double sum = 0;
        KernelPath path = VectorPath.Widest<double>();
        // Stryker disable once Equality : which width's loop takes which elements changes only the rounding of the sum
        // (the tests compare with a tolerance), not what is summed
        if (path == KernelPath.Vector512)
        {
            nuint c = (nuint)Vector512<double>.Count;
            Vector512<double> a0 = Vector512<double>.Zero, a1 = Vector512<double>.Zero, a2 = Vector512<double>.Zero, a3 = Vector512<double>.Zero;
            for (; i + (4 * c) <= n; i = VectorLoop.Next(i, 4 * c))
            {
                Vector512<double> v0 = Vector512.LoadUnsafe(ref xr, i);
                Vector512<double> v1 = Vector512.LoadUnsafe(ref xr, i + c);
                Vector512<double> v2 = Vector512.LoadUnsafe(ref xr, i + (2 * c));
                Vector512<double> v3 = Vector512.LoadUnsafe(ref xr, i + (3 * c));
                a0 = Vector512.FusedMultiplyAdd(v0, v0, a0);
                a1 = Vector512.FusedMultiplyAdd(v1, v1, a1);
                a2 = Vector512.FusedMultiplyAdd(v2, v2, a2);
                a3 = Vector512.FusedMultiplyAdd(v3, v3, a3);
            }

            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (path == KernelPath.Vector256)
        {
            nuint c = (nuint)Vector256<double>.Count;
            Vector256<double> a0 = Vector256<double>.Zero, a1 = Vector256<double>.Zero, a2 = Vector256<double>.Zero, a3 = Vector256<double>.Zero;
            for (; i + (4 * c) <= n; i = VectorLoop.Next(i, 4 * c))
            {
                Vector256<double> v0 = Vector256.LoadUnsafe(ref xr, i);
                Vector256<double> v1 = Vector256.LoadUnsafe(ref xr, i + c);
                Vector256<double> v2 = Vector256.LoadUnsafe(ref xr, i + (2 * c));
                Vector256<double> v3 = Vector256.LoadUnsafe(ref xr, i + (3 * c));
                a0 = Vector256.FusedMultiplyAdd(v0, v0, a0);
                a1 = Vector256.FusedMultiplyAdd(v1, v1, a1);
                a2 = Vector256.FusedMultiplyAdd(v2, v2, a2);
                a3 = Vector256.FusedMultiplyAdd(v3, v3, a3);
            }

            sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
        else if (path == KernelPath.Vector128)
        {
            nuint c = (nuint)Vector128<double>.Count;
            Vector128<double> a0 = Vector128<double>.Zero, a1 = Vector128<double>.Zero, a2 = Vector128<double>.Zero, a3 = Vector128<double>.Zero;
            for (; i + (4 * c) <= n; i = VectorLoop.Next(i, 4 * c))
            {
                Vector128<double> v0 = Vector128.LoadUnsafe(ref xr, i);
                Vector128<double> v1 = Vector128.LoadUnsafe(ref xr, i + c);
                Vector128<double> v2 = Vector128.LoadUnsafe(ref xr, i + (2 * c));
                Vector128<double> v3 = Vector128.LoadUnsafe(ref xr, i + (3 * c));
                a0 = VectorFma.MultiplyAdd(v0, v0, a0);
                a1 = VectorFma.MultiplyAdd(v1, v1, a1);
                a2 = VectorFma.MultiplyAdd(v2, v2, a2);
                a3 = VectorFma.MultiplyAdd(v3, v3, a3);
            }

            sum = Vector128.Sum((a0 + a1) + (a2 + a3));
        }

        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref xr, i);
            sum = Math.FusedMultiplyAdd(v, v, sum);
        }

        return sum;
    }
}
