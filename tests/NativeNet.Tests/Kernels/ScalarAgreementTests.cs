using System.Numerics;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// Every length 0..256 of each element-wise kernel against the same kernel run one element at a time (its scalar
/// loop), so the Vector512/256/128 loops and their overlapping tails agree with the scalar code lane by lane.
/// Under DOTNET_EnableAVX2=0 the vector side is the Vector128 loop (4 floats, 2 doubles per vector).
/// </summary>
public class ScalarAgreementTests
{
    // Loops, not theory rows, as in KernelPathCases.
    private static readonly string[] _unary = ["relu", "step", "sigmoid", "tanh"];

    private static readonly string[] _binary = ["relu-backward", "sigmoid-backward", "tanh-backward"];

    [Fact]
    public void Unary_float_vectors_match_the_scalar_loop() =>
        KernelPathCases.OnEveryPath(() => Array.ForEach(_unary, kernel => MatchScalar<float>(kernel, UnaryKernel<float>(kernel), Relative<float>(kernel), -6, 6)));

    [Fact]
    public void Unary_double_vectors_match_the_scalar_loop() =>
        KernelPathCases.OnEveryPath(() => Array.ForEach(_unary, kernel => MatchScalar<double>(kernel, UnaryKernel<double>(kernel), Relative<double>(kernel), -6, 6)));

    [Fact]
    public void Binary_float_vectors_match_the_scalar_loop() =>
        KernelPathCases.OnEveryPath(() => Array.ForEach(_binary, kernel => MatchScalar<float>(kernel, BinaryKernel<float>(kernel), Relative<float>(kernel), -1, 1)));

    [Fact]
    public void Binary_double_vectors_match_the_scalar_loop() =>
        KernelPathCases.OnEveryPath(() => Array.ForEach(_binary, kernel => MatchScalar<double>(kernel, BinaryKernel<double>(kernel), Relative<double>(kernel), -1, 1)));

    // Relu and Step are exact; the vector exp, tanh and the unfused 128-bit gradients round differently from the scalar code.
    private static double Relative<T>(string kernel) =>
        kernel is "relu" or "step" or "relu-backward" ? 0 : KernelAssert.Tolerance<T>(5e-7, 2e-15);

    private static UnarySpanKernel<T> UnaryKernel<T>(string kernel)
        where T : unmanaged, IFloatingPointIeee754<T> => kernel switch
        {
            "relu" => ElementwiseKernels.Relu,
            "step" => ElementwiseKernels.Step,
            "sigmoid" => ElementwiseKernels.Sigmoid,
            "tanh" => ElementwiseKernels.Tanh,
            _ => throw new ArgumentOutOfRangeException(nameof(kernel)),
        };

    private static BinarySpanKernel<T> BinaryKernel<T>(string kernel)
        where T : unmanaged, IFloatingPointIeee754<T> => kernel switch
        {
            "relu-backward" => ElementwiseKernels.ReluBackward,
            "sigmoid-backward" => ElementwiseKernels.SigmoidBackward,
            "tanh-backward" => ElementwiseKernels.TanhBackward,
            _ => throw new ArgumentOutOfRangeException(nameof(kernel)),
        };

    private static void MatchScalar<T>(string name, UnarySpanKernel<T> kernel, double relative, double min, double max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= KernelAssert.MaxLength; n++)
        {
            T[] x = KernelAssert.Random<T>(7000 + n, n, min, max);
            var vector = new T[n];
            var scalar = new T[n];
            kernel(x, vector);
            for (int i = 0; i < n; i++)
            {
                kernel(x.AsSpan(i, 1), scalar.AsSpan(i, 1));
            }

            KernelAssert.Close<T>(KernelAssert.ToDouble<T>(scalar), vector, relative, 0, $"{name} {typeof(T).Name} n={n}");
        }
    }

    private static void MatchScalar<T>(string name, BinarySpanKernel<T> kernel, double relative, double min, double max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n <= KernelAssert.MaxLength; n++)
        {
            T[] x = KernelAssert.Random<T>(8000 + n, n, min, max);
            T[] y = KernelAssert.Random<T>(9000 + n, n, -2, 2);
            var vector = new T[n];
            var scalar = new T[n];
            kernel(x, y, vector);
            for (int i = 0; i < n; i++)
            {
                kernel(x.AsSpan(i, 1), y.AsSpan(i, 1), scalar.AsSpan(i, 1));
            }

            KernelAssert.Close<T>(KernelAssert.ToDouble<T>(scalar), vector, relative, 0, $"{name} {typeof(T).Name} n={n}");
        }
    }
}
