using System.Numerics;

namespace NativeNet.Tests.Kernels;

/// <summary>Random inputs with fixed seeds and tolerance checks against double-precision references.</summary>
internal static class KernelAssert
{
    public const int MaxLength = 256;

    public static T[] Random<T>(int seed, int length, double min, double max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating(min + ((max - min) * random.NextDouble()));
        }

        return values;
    }

    public static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    /// <summary>Asserts |actual − expected| ≤ relative·|expected| + absolute element by element; NaN must match NaN.</summary>
    public static void Close<T>(ReadOnlySpan<double> expected, ReadOnlySpan<T> actual, double relative, double absolute, string context)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateTruncating(actual[i]);
            double e = expected[i];
            if (double.IsNaN(e) || double.IsInfinity(e))
            {
                Assert.True(a.Equals(e), $"{context}: element {i} is {a}, expected {e}");
                continue;
            }

            double error = Math.Abs(a - e);
            Assert.True(error <= (relative * Math.Abs(e)) + absolute, $"{context}: element {i} is {a:R}, expected {e:R} (error {error:E2})");
        }
    }

    /// <summary>Relative tolerance: the float value for float, the double value otherwise.</summary>
    public static double Tolerance<T>(double forFloat, double forDouble) => typeof(T) == typeof(float) ? forFloat : forDouble;
}
