using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>Bad shapes, strides and aliasing are rejected before any work, with the dimensions in the message.</summary>
public class GemmValidationTests
{
    private static readonly float[] _six = [1, 2, 3, 4, 5, 6];

    [Fact]
    public void Short_A_throws_ShapeMismatch_naming_A()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[3], 2, _six, 3, 0f, new float[6], 3));
        Assert.Contains("A has 3 elements", e.Message);
        Assert.Contains("m = 2, n = 3, k = 2", e.Message);
    }

    [Fact]
    public void Short_transposed_B_throws_ShapeMismatch()
    {
        // op(B) = Bᵀ is 2 x 3, so B is stored 3 x 2 with ldb >= 2 and needs 6 elements.
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.Transpose, 2, 3, 2, 1f, new float[4], 2, new float[5], 2, 0f, new float[6], 3));
        Assert.Contains("B has 5 elements", e.Message);
    }

    [Fact]
    public void Leading_dimension_smaller_than_row_throws()
    {
        Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], 1, _six, 3, 0f, new float[6], 3));
        Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.Transpose, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], 1, _six, 3, 0f, new float[6], 3));
        Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], 2, _six, 2, 0f, new float[6], 3));
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], 2, _six, 3, 0f, new float[6], 2));
        Assert.Contains("ldc = 2", e.Message);
    }

    [Fact]
    public void Short_strided_C_throws()
    {
        // 2 x 3 with ldc = 5 needs 5 + 3 = 8 elements.
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], 2, _six, 3, 0f, new float[7], 5));
        Assert.Contains("needs 8", e.Message);
    }

    [Fact]
    public void Dense_overload_requires_exact_lengths()
    {
        Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[5], _six, 0f, new float[6]));
        Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], new float[7], 0f, new float[6]));
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 3, 2, 1f, new float[4], _six, 0f, new float[5]));
        Assert.Contains("2 x 3", e.Message);
    }

    [Fact]
    public void Bias_of_wrong_length_throws()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Gemm.MultiplyAddBias<float>(2, 3, 2, new float[4], _six, new float[2], new float[6], GemmActivation.Relu));
        Assert.Contains("bias has 2 elements", e.Message);
    }

    [Fact]
    public void Negative_dimension_or_unknown_activation_throws_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, -1, 3, 2, 1f, [], _six, 0f, []));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.MultiplyAddBias<float>(2, 3, 2, new float[4], _six, new float[3], new float[6], (GemmActivation)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MaxDegreeOfParallelism = 0);
    }

    [Fact]
    public void C_overlapping_an_input_throws()
    {
        float[] buffer = new float[16];
        Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 1f, buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), 0f, buffer.AsSpan(2, 4)));
        Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 1f, buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), 0f, buffer.AsSpan(7, 4)));
        Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyAddBias<float>(2, 2, 2, buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), buffer.AsSpan(8, 2), buffer.AsSpan(9, 4), GemmActivation.None));

        // Adjacent but disjoint slices of one buffer are fine.
        Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, 2, 2, 2, 1f, buffer.AsSpan(0, 4), buffer.AsSpan(4, 4), 0f, buffer.AsSpan(8, 4));
    }
}
