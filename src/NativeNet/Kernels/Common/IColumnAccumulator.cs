using System.Numerics;
using System.Runtime.Intrinsics;

namespace NativeNet.Kernels;

/// <summary>
/// One step of a per-column reduction: <c>acc' = f(acc, x, center)</c>, where <c>center</c> is a
/// per-column constant (for example the column mean when summing squared deviations).
/// </summary>
internal interface IColumnAccumulator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Folds one element into a scalar accumulator.</summary>
    T Accumulate(T acc, T x, T center);

    /// <summary>Folds one row's 128-bit slice into the accumulators of those columns.</summary>
    Vector128<T> Accumulate(Vector128<T> acc, Vector128<T> x, Vector128<T> center);

    /// <summary>Folds one row's 256-bit slice into the accumulators of those columns.</summary>
    Vector256<T> Accumulate(Vector256<T> acc, Vector256<T> x, Vector256<T> center);

    /// <summary>Folds one row's 512-bit slice into the accumulators of those columns.</summary>
    Vector512<T> Accumulate(Vector512<T> acc, Vector512<T> x, Vector512<T> center);
}
