using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

public class AddRowVectorTests
{
    [Fact]
    public void AddRowVector_matches_reference_float() => MatchesReference<float>();

    [Fact]
    public void AddRowVector_matches_reference_double() => MatchesReference<double>();

    [Fact]
    public void AddRowVector_rejects_bad_arguments()
    {
        var buffer = new float[60];
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.AddRowVector<float>(new float[12], new float[4], new float[12], 4, 4));
        // A 3x4 matrix, so that the bias check is the one that fails (a wrong 4x4 would fail the matrix check first).
        Assert.Equal("bias", Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.AddRowVector<float>(new float[12], new float[3], new float[12], 3, 4)).ParamName);
        Assert.Equal("bias", Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.AddRowVector<float>(new float[12], new float[5], new float[12], 3, 4)).ParamName);
        Assert.Throws<ShapeMismatchException>(() => ElementwiseKernels.AddRowVector<float>(new float[12], new float[4], new float[11], 3, 4));
        UnaryKernelCases.AssertOverlap(() => ElementwiseKernels.AddRowVector<float>(buffer.AsSpan(0, 12), new float[4], buffer.AsSpan(2, 12), 3, 4));
        Assert.Throws<ArgumentException>(() => ElementwiseKernels.AddRowVector<float>(new float[12], buffer.AsSpan(0, 4), buffer.AsSpan(0, 12), 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ElementwiseKernels.AddRowVector<float>(new float[12], new float[4], new float[12], -3, -4));
    }

    private static void MatchesReference<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach ((int rows, int cols) in MatrixShapes.All())
        {
            T[] x = KernelAssert.Random<T>(rows * 100 + cols, rows * cols, -3, 3);
            T[] bias = KernelAssert.Random<T>(7 + cols, cols, -1, 1);
            var expected = new double[rows * cols];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    expected[(i * cols) + j] = double.CreateTruncating(x[(i * cols) + j] + bias[j]);
                }
            }

            var destination = new T[x.Length];
            ElementwiseKernels.AddRowVector<T>(x, bias, destination, rows, cols);
            KernelAssert.Close<T>(expected, destination, 0, 0, $"{typeof(T).Name} {rows}x{cols}");

            ElementwiseKernels.AddRowVector<T>(x, bias, x, rows, cols);
            KernelAssert.Close<T>(expected, x, 0, 0, $"{typeof(T).Name} in-place {rows}x{cols}");
        }
    }
}
