using System.Numerics;
using NativeNet.Kernels;
using NativeNet.Optimizers;
using NativeNet.Tests.Kernels;

namespace NativeNet.Tests.Optimizers;

/// <summary>
/// The fused vector kernels against the plain formulas at every length from 0 to 256 (so every vector tail
/// runs), and against their own scalar path bit for bit (within a few ulps where the Vector128 lanes cannot fuse). Rerun with DOTNET_EnableAVX512=0,
/// DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 to cover each path.
/// </summary>
public class OptimizerKernelTests
{
    private const int Steps = 3;

    // Ulps (of the unit-sized inputs: w ± lr·g may cancel) the unfused Vector128 lanes may drift from the fused scalar path in three steps.
    private const int UnfusedUlps = 4;

    public static TheoryData<string> Kinds => [.. OptimizerCases.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Double_step_matches_the_plain_formula_at_every_length(string kind) =>
        KernelPathCases.OnEveryPath(() => MatchesPlainFormula<double>(kind, 1e-12));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Float_step_matches_the_plain_formula_at_every_length(string kind) =>
        KernelPathCases.OnEveryPath(() => MatchesPlainFormula<float>(kind, 1e-5));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Double_vector_lanes_equal_the_scalar_path_bit_for_bit(string kind) =>
        KernelPathCases.OnEveryPath(() => VectorEqualsScalar<double>(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Float_vector_lanes_equal_the_scalar_path_bit_for_bit(string kind) =>
        KernelPathCases.OnEveryPath(() => VectorEqualsScalar<float>(kind));

    private static void MatchesPlainFormula<T>(string kind, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(1234);
        for (int length = 0; length <= 256; length++)
        {
            Optimizer<T> optimizer = OptimizerCases.Create<T>(kind, length);
            ReferenceUpdates reference = OptimizerCases.CreateReference<T>(kind, length);
            T[] w = OptimizerCases.RandomVector<T>(rng, length);
            double[] expected = Array.ConvertAll(w, double.CreateTruncating);
            for (int step = 0; step < Steps; step++)
            {
                T[] g = OptimizerCases.RandomVector<T>(rng, length);
                optimizer.Step(w, g);
                reference.Update(expected, Array.ConvertAll(g, double.CreateTruncating));
            }

            AssertClose(expected, w, tolerance, kind, length, "parameters");
            if (optimizer.StateBufferCount > 0)
            {
                AssertClose(reference.State0, optimizer.GetStateBuffer(0).ToArray(), tolerance, kind, length, "state 0");
            }

            if (optimizer.StateBufferCount > 1)
            {
                AssertClose(reference.State1, optimizer.GetStateBuffer(1).ToArray(), tolerance, kind, length, "state 1");
            }
        }
    }

    private static void VectorEqualsScalar<T>(string kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // x64 without FMA (DOTNET_EnableAVX2=0) multiplies then adds in the Vector128 lanes (VectorFma.IsFused128)
        // while the scalar path fuses: there the two may differ by rounding, but only by a few ulps. So may a wider
        // path pinned wider than the hardware's vectors, which the runtime emulates without fusing (DOTNET_EnableAVX2=0).
        KernelPath path = KernelPaths.Optimizers;
        bool emulated = path > KernelPathCases.Hardware;
        bool bitExact = !emulated && (path != KernelPath.Vector128 || KernelPaths.Vector128FusedMultiplyAdd);
        double epsilon = typeof(T) == typeof(float) ? MathF.BitIncrement(1f) - 1f : Math.BitIncrement(1.0) - 1.0;
        var rng = new Random(99);
        foreach (int length in new[] { 255, 263 })
        {
            Optimizer<T> whole = OptimizerCases.Create<T>(kind, length);
            var singles = new Optimizer<T>[length];
            for (int i = 0; i < length; i++)
            {
                singles[i] = OptimizerCases.Create<T>(kind, 1);
            }

            T[] w = OptimizerCases.RandomVector<T>(rng, length);
            T[] wSingle = (T[])w.Clone();
            for (int step = 0; step < Steps; step++)
            {
                T[] g = OptimizerCases.RandomVector<T>(rng, length);
                whole.Step(w, g);
                for (int i = 0; i < length; i++)
                {
                    singles[i].Step(wSingle.AsSpan(i, 1), g.AsSpan(i, 1));
                }
            }

            for (int i = 0; i < length; i++)
            {
                if (bitExact)
                {
                    Assert.True(w[i].Equals(wSingle[i]), $"{kind} length {length}: element {i} is {w[i]} in one pass but {wSingle[i]} alone.");
                }
                else
                {
                    double a = double.CreateTruncating(w[i]);
                    double e = double.CreateTruncating(wSingle[i]);
                    Assert.True(
                        Math.Abs(a - e) <= UnfusedUlps * epsilon * Math.Max(1, Math.Abs(e)),
                        $"{kind} length {length}: element {i} is {a:R} in one pass but {e:R} alone (more than {UnfusedUlps} ulps of the unit-sized inputs apart).");
                }
            }
        }
    }

    private static void AssertClose<T>(double[] expected, T[] actual, double tolerance, string kind, int length, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateTruncating(actual[i]);
            Assert.True(
                Math.Abs(a - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{kind} length {length} {what}[{i}]: expected {expected[i]:R}, got {a:R}.");
        }
    }
}
