using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Workloads;

/// <summary>
/// The fastest read of a float array this machine does: the widest hardware vector, eight independent sums so
/// that no add waits for the one before. A workload that must read the array once cannot be faster than this.
/// </summary>
public static class MemoryFloor
{
    /// <summary>
    /// Sums <paramref name="values"/>: blocks of 128 in eight vector accumulators of the width the kernels use
    /// (<see cref="VectorPath.Widest{T}"/>), the last few elements one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Read(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        KernelPath path = VectorPath.Widest<float>();
        int n = path == KernelPath.Scalar ? 0 : values.Length & ~127;
        float sum = path switch
        {
            KernelPath.Vector512 => Vector512.Sum(Read512(ref start, n)),
            KernelPath.Vector256 => Vector256.Sum(Read256(ref start, n)),
            KernelPath.Vector128 => Vector128.Sum(Read128(ref start, n)),
            _ => 0f,
        };
        foreach (float value in values[n..])
        {
            sum += value;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector512<float> Read512(ref float start, int n)
    {
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int i = 0; i < n; i += 128)
        {
            s0 += Vector512.LoadUnsafe(ref start, (nuint)i);
            s1 += Vector512.LoadUnsafe(ref start, (nuint)(i + 16));
            s2 += Vector512.LoadUnsafe(ref start, (nuint)(i + 32));
            s3 += Vector512.LoadUnsafe(ref start, (nuint)(i + 48));
            s4 += Vector512.LoadUnsafe(ref start, (nuint)(i + 64));
            s5 += Vector512.LoadUnsafe(ref start, (nuint)(i + 80));
            s6 += Vector512.LoadUnsafe(ref start, (nuint)(i + 96));
            s7 += Vector512.LoadUnsafe(ref start, (nuint)(i + 112));
        }

        return (s0 + s1 + s2 + s3) + (s4 + s5 + s6 + s7);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> Read256(ref float start, int n)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int i = 0; i < n; i += 64)
        {
            s0 += Vector256.LoadUnsafe(ref start, (nuint)i);
            s1 += Vector256.LoadUnsafe(ref start, (nuint)(i + 8));
            s2 += Vector256.LoadUnsafe(ref start, (nuint)(i + 16));
            s3 += Vector256.LoadUnsafe(ref start, (nuint)(i + 24));
            s4 += Vector256.LoadUnsafe(ref start, (nuint)(i + 32));
            s5 += Vector256.LoadUnsafe(ref start, (nuint)(i + 40));
            s6 += Vector256.LoadUnsafe(ref start, (nuint)(i + 48));
            s7 += Vector256.LoadUnsafe(ref start, (nuint)(i + 56));
        }

        return (s0 + s1 + s2 + s3) + (s4 + s5 + s6 + s7);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector128<float> Read128(ref float start, int n)
    {
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int i = 0; i < n; i += 32)
        {
            s0 += Vector128.LoadUnsafe(ref start, (nuint)i);
            s1 += Vector128.LoadUnsafe(ref start, (nuint)(i + 4));
            s2 += Vector128.LoadUnsafe(ref start, (nuint)(i + 8));
            s3 += Vector128.LoadUnsafe(ref start, (nuint)(i + 12));
            s4 += Vector128.LoadUnsafe(ref start, (nuint)(i + 16));
            s5 += Vector128.LoadUnsafe(ref start, (nuint)(i + 20));
            s6 += Vector128.LoadUnsafe(ref start, (nuint)(i + 24));
            s7 += Vector128.LoadUnsafe(ref start, (nuint)(i + 28));
        }

        return (s0 + s1 + s2 + s3) + (s4 + s5 + s6 + s7);
    }
}
