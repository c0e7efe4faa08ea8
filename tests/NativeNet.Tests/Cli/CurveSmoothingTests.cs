using NativeNet.Cli.Experiments;

namespace NativeNet.Tests.Cli;

public class CurveSmoothingTests
{
    [Fact]
    public void Kaiser_window_matches_numpy()
    {
        // numpy.kaiser(11, 2) = I0(2·sqrt(1 - (k/5 - 1)²)) / I0(2), with I0(2) = 2.2795853023360673 (tabulated).
        Assert.Equal(2.2795853023360673, CurveSmoothing.BesselI0(2), 14);
        double[] expected = [0.43867628, 0.61139435, 0.76767500, 0.89216143, 0.97232980, 1.0, 0.97232980, 0.89216143, 0.76767500, 0.61139435, 0.43867628];
        var window = CurveSmoothing.KaiserWindow(11, 2);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], window[i], 7);
    }

    [Fact]
    public void Constant_stays_constant_and_length_is_kept()
    {
        var smooth = CurveSmoothing.Smooth(Enumerable.Repeat(2.5, 40).ToArray());
        Assert.Equal(40, smooth.Length);
        Assert.All(smooth, v => Assert.Equal(2.5, v, 12));
    }

    [Fact]
    public void Matches_the_reference_padding_at_both_ends()
    {
        var x = Enumerable.Range(0, 30).Select(i => (double)(i * i % 7)).ToArray();
        var smooth = CurveSmoothing.Smooth(x);

        // The reference: s = x[10:0:-1] ++ x ++ x[-1:-11:-1]; y = convolve(w / sum(w), s, 'valid')[5:-5].
        var s = new List<double>();
        for (var i = 10; i >= 1; i--)
            s.Add(x[i]);
        s.AddRange(x);
        for (var i = 1; i <= 10; i++)
            s.Add(x[^i]);
        var w = CurveSmoothing.KaiserWindow(11, 2);
        var sum = w.Sum();
        var valid = new double[s.Count - 10];
        for (var j = 0; j < valid.Length; j++)
        {
            for (var k = 0; k < 11; k++)
                valid[j] += w[k] / sum * s[j + k];
        }

        for (var i = 0; i < x.Length; i++)
            Assert.Equal(valid[i + 5], smooth[i], 12);
    }

    [Fact]
    public void Short_series_are_returned_unchanged()
    {
        double[] x = [3, 1, 2];
        Assert.Equal(x, CurveSmoothing.Smooth(x));
    }
}
