using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>Random shapes, transposes, strides and scalars: GEMM always matches the reference.</summary>
public class GemmPropertyTests
{
    // 300 cases from a fixed seed (FsCheck's "seed,gamma"), so CI sees the same products on every run.
    [Property(MaxTest = 300, Replay = "20260612,3")]
    public Property Random_products_match_reference()
    {
        Gen<MatrixTranspose> transposes = Gen.Elements(MatrixTranspose.None, MatrixTranspose.Transpose);
        var cases =
            from m in Gen.Choose(1, 50)
            from n in Gen.Choose(1, 80)
            from k in Gen.Choose(1, 60)
            from ta in transposes
            from tb in transposes
            from alpha in Gen.Elements(1.0, -1.0, 0.5, 3.0)
            from beta in Gen.Elements(0.0, 1.0, 0.25)
            from pad in Gen.Choose(0, 4)
            from isFloat in Gen.Elements(true, false)
            from seed in Gen.Choose(0, 1000)
            select (m, n, k, ta, tb, alpha, beta, pad, isFloat, seed);
        return Prop.ForAll(cases.ToArbitrary(), x =>
        {
            if (x.isFloat)
            {
                GemmTests.Check<float>(x.ta, x.tb, x.m, x.n, x.k, x.alpha, x.beta, x.pad, x.pad, x.pad, x.seed);
            }
            else
            {
                GemmTests.Check<double>(x.ta, x.tb, x.m, x.n, x.k, x.alpha, x.beta, x.pad, x.pad, x.pad, x.seed);
            }
        });
    }
}
