using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>Every kernel allocates nothing once warmed up (the first calls may JIT and tier up).</summary>
public class AllocationTests
{
    private const int Rows = 128, Cols = 100;

    private readonly float[] _x = KernelAssert.Random<float>(1, Rows * Cols, -3, 3);
    private readonly float[] _y = KernelAssert.Random<float>(2, Rows * Cols, -3, 3);
    private readonly float[] _destination = new float[Rows * Cols];
    private readonly float[] _row = new float[Cols];
    private readonly float[] _row2 = new float[Cols];
    private readonly int[] _classes = new int[Rows];
    private readonly double[] _xd = KernelAssert.Random<double>(3, 777, -3, 3);
    private readonly double[] _dd = new double[777];

    [Fact]
    public void Relu_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.Relu<float>(_x, _destination));

    [Fact]
    public void ReluBackward_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.ReluBackward<float>(_x, _y, _destination));

    [Fact]
    public void Sigmoid_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.Sigmoid<float>(_x, _destination));

    [Fact]
    public void Sigmoid_double_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.Sigmoid<double>(_xd, _dd));

    [Fact]
    public void SigmoidBackward_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.SigmoidBackward<float>(_x, _y, _destination));

    [Fact]
    public void Tanh_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.Tanh<float>(_x, _destination));

    [Fact]
    public void TanhBackward_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.TanhBackward<float>(_x, _y, _destination));

    [Fact]
    public void Step_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.Step<float>(_x, _destination));

    [Fact]
    public void AddRowVector_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.AddRowVector<float>(_x, _row, _destination, Rows, Cols));

    [Fact]
    public void SoftmaxRows_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.SoftmaxRows<float>(_x, _destination, Rows, Cols));

    [Fact]
    public void ColumnSums_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.ColumnSums<float>(_x, Rows, Cols, _row));

    [Fact]
    public void ColumnSumsAdd_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.ColumnSumsAdd<float>(_x, Rows, Cols, _row));

    [Fact]
    public void ColumnMeanVariance_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.ColumnMeanVariance<float>(_x, Rows, Cols, _row, _row2));

    [Fact]
    public void ArgMaxRows_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.ArgMaxRows<float>(_x, Rows, Cols, _classes));

    [Fact]
    public void Scale_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.Scale<float>(_x, 0.5f, _destination));

    [Fact]
    public void AddScaled_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.AddScaled<float>(_x, _y, 0.5f, _destination));

    [Fact]
    public void SumOfSquares_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.SumOfSquares<float>(_x));

    [Fact]
    public void MultiplyMask_allocates_nothing() => AssertNoAllocation(() => ElementwiseKernels.MultiplyMask<float>(_x, _y, _destination));

    private static void AssertNoAllocation(Action kernel)
    {
        for (int i = 0; i < 3; i++)
        {
            kernel();
        }

        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                kernel();
            }
        });

        Assert.Equal(0, allocated);
    }
}
