using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>
    /// Row-wise softmax with the max shift: <c>destination[i, j] = exp(x[i, j] − mᵢ) / Σₖ exp(x[i, k] − mᵢ)</c>,
    /// <c>mᵢ = maxₖ x[i, k]</c>. Unlike <c>TensorPrimitives.SoftMax</c> (no shift: NaN for logits ≳ 89) it is
    /// finite and sums to 1 for any finite logits, including ±1000, and −∞ entries get probability 0.
    /// </summary>
    /// <remarks>
    /// Special rows: a row that is entirely −∞ becomes uniform (1/cols), the limit of equal logits, so a fully
    /// masked row stays a distribution; a row containing NaN or +∞ becomes all NaN, so the fault is visible
    /// in the loss. Per row: <c>TensorPrimitives.Max</c>, one fused vector pass for exp and sum (fast float exp),
    /// then <c>TensorPrimitives.Multiply</c> by 1/sum.
    /// </remarks>
    /// <param name="x">The logits, row-major rows×cols.</param>
    /// <param name="destination">The probabilities, rows×cols; may be <paramref name="x"/> itself.</param>
    /// <param name="rows">Number of rows (the batch size).</param>
    /// <param name="cols">Number of columns (the classes).</param>
    public static void SoftmaxRows<T>(ReadOnlySpan<T> x, Span<T> destination, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanChecks.Matrix(x.Length, rows, cols, nameof(x));
        SpanChecks.Length(destination.Length, x.Length, nameof(destination));
        SpanChecks.NoPartialOverlap(x, destination, nameof(x));
        if (cols == 0)
        {
            return;
        }

        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<T> row = x.Slice(i * cols, cols);
            Span<T> result = destination.Slice(i * cols, cols);
            T max = TensorPrimitives.Max(row);
            if (T.IsNaN(max) || T.IsPositiveInfinity(max))
            {
                result.Fill(T.NaN);
                // Stryker disable once Statement : the general path below gives NaN everywhere too (x - max has a NaN)
                continue;
            }

            if (T.IsNegativeInfinity(max))
            {
                result.Fill(T.One / T.CreateTruncating(cols));
                continue;
            }

            T sum = ExpShiftedAndSum(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(result), (nuint)cols, max);
            TensorPrimitives.Multiply(result, T.One / sum, result);
        }
    }

    /// <summary>
    /// <c>destination[k] = exp(x[k] − shift)</c> for k &lt; n, returning their sum. The vector paths end with one
    /// full vector aligned to the row end, computed before any store (in-place safe); its lanes already
    /// covered by the main loop are masked out of the sum.
    /// </summary>
    private static T ExpShiftedAndSum<T>(ref T x, ref T destination, nuint n, T shift)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        VectorPath.For<T>(n) switch
        {
            KernelPath.Vector512 => ExpShiftedAndSum512(ref x, ref destination, n, shift),
            KernelPath.Vector256 => ExpShiftedAndSum256(ref x, ref destination, n, shift),
            KernelPath.Vector128 => ExpShiftedAndSum128(ref x, ref destination, n, shift),
            _ => ExpShiftedAndSumScalar(ref x, ref destination, n, shift),
        };

    // Each width is its own method so that each gets its own JIT inlining budget; requires n >= Vector512<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ExpShiftedAndSum512<T>(ref T x, ref T destination, nuint n, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ExpOperator<T> exp = default;
        nuint c = (nuint)Vector512<T>.Count;
        Vector512<T> s = Vector512.Create(shift);
        Vector512<T> last = exp.Invoke(Vector512.LoadUnsafe(ref x, n - c) - s);
        Vector512<T> sum0 = Vector512<T>.Zero, sum1 = Vector512<T>.Zero;
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, n); i = VectorLoop.Next(i, 2 * c))
        {
            Vector512<T> e0 = exp.Invoke(Vector512.LoadUnsafe(ref x, i) - s);
            Vector512<T> e1 = exp.Invoke(Vector512.LoadUnsafe(ref x, i + c) - s);
            e0.StoreUnsafe(ref destination, i);
            e1.StoreUnsafe(ref destination, i + c);
            sum0 += e0;
            sum1 += e1;
        }

        for (; VectorLoop.Fits(i, c, n); i = VectorLoop.Next(i, c))
        {
            Vector512<T> e = exp.Invoke(Vector512.LoadUnsafe(ref x, i) - s);
            e.StoreUnsafe(ref destination, i);
            sum0 += e;
        }

        nuint remaining = n - i;
        if (remaining != 0)
        {
            Vector512<T> fresh = Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(c - remaining)));
            sum1 += last & fresh;
            last.StoreUnsafe(ref destination, n - c);
        }

        return Vector512.Sum(sum0 + sum1);
    }

    // See ExpShiftedAndSum512; requires n >= Vector256<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ExpShiftedAndSum256<T>(ref T x, ref T destination, nuint n, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ExpOperator<T> exp = default;
        nuint c = (nuint)Vector256<T>.Count;
        Vector256<T> s = Vector256.Create(shift);
        Vector256<T> last = exp.Invoke(Vector256.LoadUnsafe(ref x, n - c) - s);
        Vector256<T> sum0 = Vector256<T>.Zero, sum1 = Vector256<T>.Zero;
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, n); i = VectorLoop.Next(i, 2 * c))
        {
            Vector256<T> e0 = exp.Invoke(Vector256.LoadUnsafe(ref x, i) - s);
            Vector256<T> e1 = exp.Invoke(Vector256.LoadUnsafe(ref x, i + c) - s);
            e0.StoreUnsafe(ref destination, i);
            e1.StoreUnsafe(ref destination, i + c);
            sum0 += e0;
            sum1 += e1;
        }

        for (; VectorLoop.Fits(i, c, n); i = VectorLoop.Next(i, c))
        {
            Vector256<T> e = exp.Invoke(Vector256.LoadUnsafe(ref x, i) - s);
            e.StoreUnsafe(ref destination, i);
            sum0 += e;
        }

        nuint remaining = n - i;
        if (remaining != 0)
        {
            Vector256<T> fresh = Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(c - remaining)));
            sum1 += last & fresh;
            last.StoreUnsafe(ref destination, n - c);
        }

        return Vector256.Sum(sum0 + sum1);
    }

    // See ExpShiftedAndSum512; requires n >= Vector128<T>.Count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ExpShiftedAndSum128<T>(ref T x, ref T destination, nuint n, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ExpOperator<T> exp = default;
        nuint c = (nuint)Vector128<T>.Count;
        Vector128<T> s = Vector128.Create(shift);
        Vector128<T> last = exp.Invoke(Vector128.LoadUnsafe(ref x, n - c) - s);
        Vector128<T> sum0 = Vector128<T>.Zero, sum1 = Vector128<T>.Zero;
        nuint i = 0;
        for (; VectorLoop.Fits(i, 2 * c, n); i = VectorLoop.Next(i, 2 * c))
        {
            Vector128<T> e0 = exp.Invoke(Vector128.LoadUnsafe(ref x, i) - s);
            Vector128<T> e1 = exp.Invoke(Vector128.LoadUnsafe(ref x, i + c) - s);
            e0.StoreUnsafe(ref destination, i);
            e1.StoreUnsafe(ref destination, i + c);
            sum0 += e0;
            sum1 += e1;
        }

        for (; VectorLoop.Fits(i, c, n); i = VectorLoop.Next(i, c))
        {
            Vector128<T> e = exp.Invoke(Vector128.LoadUnsafe(ref x, i) - s);
            e.StoreUnsafe(ref destination, i);
            sum0 += e;
        }

        nuint remaining = n - i;
        if (remaining != 0)
        {
            Vector128<T> fresh = Vector128.GreaterThanOrEqual(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(c - remaining)));
            sum1 += last & fresh;
            last.StoreUnsafe(ref destination, n - c);
        }

        return Vector128.Sum(sum0 + sum1);
    }

    // Short rows and machines without accelerated vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ExpShiftedAndSumScalar<T>(ref T x, ref T destination, nuint n, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ExpOperator<T> exp = default;
        T sum = T.Zero;
        for (nuint i = 0; i < n; i++)
        {
            T e = exp.Invoke(Unsafe.Add(ref x, i) - shift);
            Unsafe.Add(ref destination, i) = e;
            sum += e;
        }

        return sum;
    }
}
