namespace NativeNet.Cli.Experiments;

/// <summary>
/// The reference's <c>smooth_curve</c> (common/util.py), used to plot noisy loss curves: a convolution with a
/// normalised Kaiser window of length 11 and β = 2 over the series extended by reflection at both ends.
/// </summary>
internal static class CurveSmoothing
{
    public const int WindowLength = 11;
    public const double Beta = 2;

    /// <summary>
    /// The smoothed series, as long as <paramref name="values"/>. The reference pads with
    /// <c>x[10..1]</c> on the left (the first point not repeated) and <c>x[n-1..n-10]</c> on the right (the
    /// last point repeated); kept exactly. Series shorter than the window are returned unchanged.
    /// </summary>
    public static double[] Smooth(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var result = new double[n];
        if (n < WindowLength)
        {
            for (var i = 0; i < n; i++)
                result[i] = values[i];
            return result;
        }

        var window = KaiserWindow(WindowLength, Beta);
        var sum = 0.0;
        foreach (var w in window)
            sum += w;
        const int half = WindowLength / 2;
        for (var i = 0; i < n; i++)
        {
            var acc = 0.0;
            for (var k = 0; k < WindowLength; k++)
                acc += window[k] * Padded(values, i + half + k);
            result[i] = acc / sum;
        }

        return result;
    }

    /// <summary><c>numpy.kaiser(m, beta)</c>: <c>I0(β·√(1 − (2k/(m−1) − 1)²)) / I0(β)</c>.</summary>
    public static double[] KaiserWindow(int length, double beta)
    {
        var window = new double[length];
        if (length == 1)
        {
            window[0] = 1;
            return window;
        }

        var denominator = BesselI0(beta);
        for (var k = 0; k < length; k++)
        {
            var r = 2.0 * k / (length - 1) - 1;
            window[k] = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / denominator;
        }

        return window;
    }

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series (converges fast for small x).</summary>
    public static double BesselI0(double x)
    {
        var term = 1.0;
        var sum = 1.0;
        var q = x * x / 4;
        for (var k = 1; k < 200; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17)
                break;
        }

        return sum;
    }

    // Index m into the reference's padded array s = x[W-1:0:-1] ++ x ++ x[-1:-W:-1].
    private static double Padded(IReadOnlyList<double> x, int m)
    {
        var n = x.Count;
        const int pad = WindowLength - 1;
        if (m < pad)
            return x[pad - m];
        if (m < n + pad)
            return x[m - pad];
        return x[2 * n + pad - 1 - m];
    }
}
