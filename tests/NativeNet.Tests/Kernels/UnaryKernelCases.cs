using System.Numerics;

namespace NativeNet.Tests.Kernels;

internal delegate void UnarySpanKernel<T>(ReadOnlySpan<T> x, Span<T> destination);

internal delegate void BinarySpanKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

/// <summary>
/// Runs an element-wise kernel at every length 0..256 (so every vector tail of every width is hit) against a
/// reference in double, both out-of-place and in-place, plus the argument checks every span kernel shares.
/// </summary>
internal static class UnaryKernelCases
{
    public static void MatchesReference<T>(UnarySpanKernel<T> kernel, Func<double, double> reference, double min, double max, double relative, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= KernelAssert.MaxLength; n++)
        {
            T[] x = KernelAssert.Random<T>(seed + n, n, min, max);
            double[] expected = Array.ConvertAll(KernelAssert.ToDouble<T>(x), v => reference(v));
            var destination = new T[n];
            kernel(x, destination);
            KernelAssert.Close<T>(expected, destination, relative, 1e-300, $"{typeof(T).Name} n={n}");

            T[] inPlace = (T[])x.Clone();
            kernel(inPlace, inPlace);
            KernelAssert.Close<T>(expected, inPlace, relative, 1e-300, $"{typeof(T).Name} in-place n={n}");
        }
    }

    public static void MatchesReference<T>(BinarySpanKernel<T> kernel, Func<double, double, double> reference, double min, double max, double relative, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= KernelAssert.MaxLength; n++)
        {
            T[] x = KernelAssert.Random<T>(seed + n, n, min, max);
            T[] y = KernelAssert.Random<T>(seed + 1000 + n, n, -2, 2);
            double[] xd = KernelAssert.ToDouble<T>(x);
            double[] yd = KernelAssert.ToDouble<T>(y);
            var expected = new double[n];
            for (int i = 0; i < n; i++)
            {
                expected[i] = reference(xd[i], yd[i]);
            }

            var destination = new T[n];
            kernel(x, y, destination);
            KernelAssert.Close<T>(expected, destination, relative, 1e-300, $"{typeof(T).Name} n={n}");

            T[] inX = (T[])x.Clone();
            kernel(inX, y, inX);
            KernelAssert.Close<T>(expected, inX, relative, 1e-300, $"{typeof(T).Name} in-place on x n={n}");

            T[] inY = (T[])y.Clone();
            kernel(x, inY, inY);
            KernelAssert.Close<T>(expected, inY, relative, 1e-300, $"{typeof(T).Name} in-place on y n={n}");
        }
    }

    public static void RejectsBadArguments(UnarySpanKernel<float> kernel)
    {
        var buffer = new float[40];
        Assert.Throws<ShapeMismatchException>(() => kernel(new float[10], new float[9]));
        Assert.Throws<ShapeMismatchException>(() => kernel(new float[10], new float[11]));
        AssertOverlap(() => kernel(buffer.AsSpan(0, 20), buffer.AsSpan(1, 20)));
        AssertOverlap(() => kernel(buffer.AsSpan(5, 20), buffer.AsSpan(0, 20)));
    }

    public static void RejectsBadArguments(BinarySpanKernel<float> kernel)
    {
        var buffer = new float[40];
        Assert.Throws<ShapeMismatchException>(() => kernel(new float[10], new float[9], new float[10]));
        Assert.Throws<ShapeMismatchException>(() => kernel(new float[10], new float[10], new float[9]));
        AssertOverlap(() => kernel(buffer.AsSpan(0, 20), new float[20], buffer.AsSpan(3, 20)));
        AssertOverlap(() => kernel(new float[20], buffer.AsSpan(3, 20), buffer.AsSpan(0, 20)));
    }

    // The kernel's own check, which names the overlap: TensorPrimitives, which many kernels call after their checks,
    // would throw an ArgumentException of its own, so the type alone does not show that the check ran.
    public static void AssertOverlap(Action call) =>
        Assert.Contains("partially overlaps the destination", Assert.Throws<ArgumentException>(call).Message, StringComparison.Ordinal);
}
