using System.Numerics;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>An element-wise function <c>f(x, y)</c> of two inputs at every width the drivers use.</summary>
internal interface IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>f(x, y) for one pair of elements.</summary>
    T Invoke(T x, T y);

    /// <summary>f applied lane by lane to two 128-bit vectors (ARM64 AdvSimd, x64 without AVX2).</summary>
    Vector128<T> Invoke(Vector128<T> x, Vector128<T> y);

    /// <summary>f applied lane by lane to two 256-bit vectors.</summary>
    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    /// <summary>f applied lane by lane to two 512-bit vectors.</summary>
    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}
