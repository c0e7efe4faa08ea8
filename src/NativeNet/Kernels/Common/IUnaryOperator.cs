using System.Numerics;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// An element-wise function <c>f(x)</c> at every width the drivers use. Implemented by small readonly
/// structs so the JIT specialises and inlines the driver per operator; instance members let an operator
/// carry a scalar parameter (a shift, a factor).
/// </summary>
internal interface IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>f(x) for one element; used for short spans and when no vector width is accelerated.</summary>
    T Invoke(T x);

    /// <summary>f applied to each lane of a 128-bit vector (ARM64 AdvSimd, x64 without AVX2).</summary>
    Vector128<T> Invoke(Vector128<T> x);

    /// <summary>f applied to each lane of a 256-bit vector.</summary>
    Vector256<T> Invoke(Vector256<T> x);

    /// <summary>f applied to each lane of a 512-bit vector.</summary>
    Vector512<T> Invoke(Vector512<T> x);
}
