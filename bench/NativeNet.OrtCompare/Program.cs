using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using NativeNet.Benchmarks.Workloads;
using NativeNet.Layers;
using NativeNet.Networks;

namespace NativeNet.OrtCompare;

/// <summary>
/// Times <see cref="PredictWorkload"/> and ONNX Runtime on the same network and weights in one process, in
/// interleaved rounds, for batch 1 and 10 000 on one and two threads. Prints one
/// <c>RESULT runner:key milliseconds bytes-per-call name spread</c> line per side and configuration for
/// bench/compare/run.sh. Exits 3 when ONNX Runtime's scores differ from NativeNet's by more than the tolerance.
/// Usage: <c>[--quick] [key filters...]</c>, keys <c>predict-{1,10000}-t{1,2}</c>.
/// </summary>
public static class Program
{
    private const double Tolerance = 1e-4;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        string[] filters = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
        double roundSeconds = quick ? 0.05 : 0.2;
        int rounds = quick ? 7 : 15;
        Console.WriteLine($"# ONNX Runtime {OrtEnv.Instance().GetVersionString()} beside NativeNet on .NET {Environment.Version}, float32, interleaved rounds, {(quick ? "quick" : "full")}");
        foreach (int threads in new[] { 1, 2 })
        {
            foreach (int rows in new[] { 1, 10_000 })
            {
                string key = $"predict-{rows}-t{threads}";
                if (filters.Length > 0 && !filters.Any(f => key.Contains(f, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (!Compare(key, rows, threads, roundSeconds, rounds))
                {
                    return 3;
                }
            }
        }

        return 0;
    }

    private static bool Compare(string key, int rows, int threads, double roundSeconds, int rounds)
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = threads;
        var nativeNet = new PredictWorkload(rows);
        SeedBiases(nativeNet.Network);
        byte[] model = OnnxMlpModel.Build(nativeNet.Network, rows);
        using var ort = new OrtPredictor(model, rows, nativeNet.Network.InputSize, nativeNet.Network.OutputSize, threads);
        nativeNet.Input.Span.CopyTo(ort.Input);

        // The two must compute the same scores before their times mean anything.
        nativeNet.Predict();
        ort.Predict();
        double maxDiff = MaxAbsDifference(nativeNet.Scores.Span, ort.Scores);
        double maxScore = MaxAbs(nativeNet.Scores.Span);
        string threadText = threads == 1 ? "one thread" : $"{threads} threads";
        Console.WriteLine(Invariant($"# {key}: max |ORT - NativeNet| = {maxDiff:E2} over {rows * nativeNet.Network.OutputSize} scores (largest |score| {maxScore:F3})"));
        if (!(maxDiff <= Tolerance))
        {
            Console.Error.WriteLine(Invariant($"{key}: ONNX Runtime's scores differ from NativeNet's by {maxDiff:E2} (> {Tolerance:E0}); not timing a different computation."));
            return false;
        }

        var (nn, onnx) = InterleavedTimer.Run(nativeNet.Predict, ort.Predict, roundSeconds, rounds);
        string name = $"{nativeNet.Name}, {threadText}";
        Report("nativenet", key, name, nn);
        Report("ort", key, name, onnx);
        return true;
    }

    /// <summary>
    /// He initialisation leaves every bias zero, which would let a wrong bias mapping pass the check. Small nonzero
    /// biases make the check cover them; the time of a pass does not depend on the values.
    /// </summary>
    private static void SeedBiases(Network<float> network)
    {
        var random = new Random(11);
        foreach (var layer in network.Layers)
        {
            if (layer is AffineLayer<float> affine)
            {
                foreach (ref float b in affine.Bias.Span)
                {
                    b = (float)((random.NextDouble() - 0.5) * 0.2);
                }
            }
        }
    }

    private static void Report(string runner, string key, string name, RoundStats stats) =>
        Console.WriteLine(Invariant($"RESULT\t{runner}:{key}\t{stats.Median:F4}\t{stats.BytesPerCall}\t{name}\tmin {stats.Min:F4} max {stats.Max:F4}"));

    private static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i])); // Math.Max keeps a NaN, which then fails the check
        }

        return max;
    }

    private static double MaxAbs(ReadOnlySpan<float> values)
    {
        double max = 0;
        foreach (float v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
