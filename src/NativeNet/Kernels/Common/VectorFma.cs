using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NativeNet.Kernels;

/// <summary>
/// Generic <c>a·b + c</c> with one rounding. The runtime offers FusedMultiplyAdd only for float and double
/// vectors, and the JIT never contracts <c>a*b + c</c> itself; the type tests fold away per instantiation.
/// </summary>
/// <remarks>
/// Vector128 is the exception: x64 without the FMA extension (SSE-only servers, <c>DOTNET_EnableAVX2=0</c>)
/// emulates <c>Vector128.FusedMultiplyAdd</c> in software, one lane at a time, so there the Vector128 overload
/// multiplies and adds with two roundings. ARM64 (AdvSimd) and x64 with FMA fuse.
/// </remarks>
internal static class VectorFma
{
    /// <summary>Whether <see cref="MultiplyAdd{T}(Vector128{T}, Vector128{T}, Vector128{T})"/> fuses (one rounding) on this machine.</summary>
    public static bool IsFused128
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    /// <summary>a·b + c, fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c)
        where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(a, b, c);

    /// <summary>a·b + c lane by lane: fused where <see cref="IsFused128"/>, else multiply then add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The condition is spelled out, not read through IsFused128: through the property the JIT kept every
        // accumulator of the Vector128 GEMM kernel on the stack when FMA is off (10 instead of 33-35 GFLOP/s).
        if (Fma.IsSupported || AdvSimd.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                return Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
            }

            if (typeof(T) == typeof(double))
            {
                return Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
            }
        }

        return (a * b) + c;
    }

    /// <summary>a·b + c lane by lane, fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return (a * b) + c;
    }

    /// <summary>a·b + c lane by lane, fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        return (a * b) + c;
    }
}
