using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The edge kernel's expanded B panels (each of up to 4 columns repeated 4 times per k, zero beyond cols): the
/// vectorised float paths for a full 4-column edge must produce exactly the layout of the definition, for both
/// orientations of B, every depth tail and padded leading dimensions, whichever path the machine runs.
/// </summary>
public unsafe class GemmExpandedPackTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 100)]
    [InlineData(4, 1)]
    [InlineData(4, 3)]
    [InlineData(4, 4)]
    [InlineData(4, 17)]
    [InlineData(4, 256)]
    public void Direct_expanded_matches_definition(int cols, int kc)
    {
        const int ld = 103;
        float[] src = Source(kc * ld);
        float[] dst = new float[kc * 16];
        fixed (float* s = src)
        fixed (float* d = dst)
        {
            GemmPacking.DirectExpanded(s + 5, ld, cols, kc, d);
        }

        AssertExpanded(dst, cols, kc, (p, j) => src[5 + (p * ld) + j]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 100)]
    [InlineData(4, 1)]
    [InlineData(4, 3)]
    [InlineData(4, 4)]
    [InlineData(4, 17)]
    [InlineData(4, 256)]
    public void Transposed_expanded_matches_definition(int cols, int kc)
    {
        int ld = kc + 3;
        float[] src = Source(4 * ld);
        float[] dst = new float[kc * 16];
        fixed (float* s = src)
        fixed (float* d = dst)
        {
            GemmPacking.TransposedExpanded(s + 1, ld, cols, kc, d);
        }

        AssertExpanded(dst, cols, kc, (p, j) => src[1 + (j * ld) + p]);
    }

    [Fact]
    public void Double_panels_match_definition()
    {
        const int ld = 9;
        const int kc = 6;
        double[] src = new double[kc * ld];
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = i + 0.5;
        }

        double[] dst = new double[kc * 16];
        fixed (double* s = src)
        fixed (double* d = dst)
        {
            GemmPacking.DirectExpanded(s, ld, 4, kc, d);
        }

        for (int p = 0; p < kc; p++)
        {
            for (int lane = 0; lane < 16; lane++)
            {
                Assert.Equal(src[(p * ld) + (lane / 4)], dst[(p * 16) + lane]);
            }
        }
    }

    private static float[] Source(int length)
    {
        var random = new Random(11);
        var values = new float[length + 8];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }

    private static void AssertExpanded(float[] dst, int cols, int kc, Func<int, int, float> value)
    {
        for (int p = 0; p < kc; p++)
        {
            for (int lane = 0; lane < 16; lane++)
            {
                int j = lane / 4;
                float expected = j < cols ? value(p, j) : 0f;
                Assert.True(
                    BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(dst[(p * 16) + lane]),
                    $"p {p}, lane {lane}: expected {expected}, got {dst[(p * 16) + lane]}");
            }
        }
    }
}
