using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NativeNet.Kernels;

/// <summary>
/// Interleaves of two 128-bit vectors, the step of a register transpose. The cross-platform Vector128 API has no
/// two-source interleave, so this picks the instruction of each architecture (x64 unpcklps/unpckhps, ARM64
/// zip1/zip2) and builds the vector lane by lane elsewhere.
/// </summary>
internal static class VectorZip
{
    /// <summary>(a0, b0, a1, b1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Low(Vector128<float> a, Vector128<float> b)
    {
        if (Sse.IsSupported)
        {
            return Sse.UnpackLow(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.ZipLow(a, b);
        }

        return Vector128.Create(a.GetElement(0), b.GetElement(0), a.GetElement(1), b.GetElement(1));
    }

    /// <summary>(a2, b2, a3, b3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> High(Vector128<float> a, Vector128<float> b)
    {
        if (Sse.IsSupported)
        {
            return Sse.UnpackHigh(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.ZipHigh(a, b);
        }

        return Vector128.Create(a.GetElement(2), b.GetElement(2), a.GetElement(3), b.GetElement(3));
    }

    /// <summary>(a0, b0) of 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Low(Vector128<double> a, Vector128<double> b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.UnpackLow(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.ZipLow(a, b);
        }

        return Vector128.Create(a.GetElement(0), b.GetElement(0));
    }

    /// <summary>(a1, b1) of 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> High(Vector128<double> a, Vector128<double> b)
    {
        if (Sse2.IsSupported)
        {
            return Sse2.UnpackHigh(a, b);
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.ZipHigh(a, b);
        }

        return Vector128.Create(a.GetElement(1), b.GetElement(1));
    }
}
