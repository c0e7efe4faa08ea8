using System.Diagnostics;
using System.Globalization;
using NativeNet.Benchmarks.Workloads;
using NativeNet.Optimizers;

namespace NativeNet.Benchmarks.Compare;

/// <summary>
/// <c>--compare</c>: times the comparison table's workloads with a plain stopwatch (median of rounds, after a
/// warm-up past tiered JIT), one thread, and prints one <c>RESULT key milliseconds bytes-per-call</c> line each,
/// the same format the PyTorch and numpy scripts in bench/compare print, so run.sh can join them. A quick
/// cross-check next to the BenchmarkDotNet suite, not a replacement for it.
/// </summary>
public static class CompareRunner
{
    /// <summary>Runs every workload whose key contains one of <paramref name="filters"/> (all when empty).</summary>
    public static void Run(IReadOnlyList<string> filters, bool quick)
    {
        NativeNet.Kernels.Gemm.MaxDegreeOfParallelism = 1;
        Console.WriteLine($"# NativeNet {Environment.Version}, Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, one thread, float32, {(quick ? "quick" : "full")} rounds");
        double roundSeconds = quick ? 0.05 : 0.2;
        int rounds = quick ? 7 : 15;
        foreach (string key in TrainingWorkload.Keys)
        {
            if (Selected(key, filters))
            {
                var workload = TrainingWorkload.Create(key);
                Report(key, workload.Name, () => workload.Step(), roundSeconds, rounds);
            }
        }

        foreach (int rows in new[] { 1, 10_000 })
        {
            string key = $"predict-{rows}";
            if (Selected(key, filters))
            {
                var workload = new PredictWorkload(rows);
                Report(key, workload.Name, () => workload.Predict(), roundSeconds, rounds);
            }
        }

        if (Selected("epoch", filters))
        {
            var data = EpochData.Load();
            var workload = TrainingWorkload.CreateEpoch(data);
            Console.WriteLine($"# epoch data: {EpochData.Source}");
            Report("epoch", workload.Name + " (60 000 images)", () => workload.Epoch(), quick ? 0.5 : 2, quick ? 3 : 5);
        }

        if (Selected("adam-109810", filters))
        {
            var w = SyntheticData.Matrix(1, 109_810, seed: 5);
            var g = SyntheticData.Matrix(1, 109_810, seed: 6);
            var adam = new Adam<float>(w.Length);
            Report("adam-109810", "Adam update 109 810 params", () =>
            {
                adam.Step(w, g);
                return w[0];
            }, roundSeconds, rounds);
        }
    }

    private static bool Selected(string key, IReadOnlyList<string> filters)
    {
        if (filters.Count == 0)
        {
            return true;
        }

        foreach (string filter in filters)
        {
            if (key.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(string key, string name, Func<double> action, double roundSeconds, int rounds)
    {
        // Warm-up: past tier-0 code and on-stack replacement, and sizes one round.
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (calls < 200 || clock.Elapsed.TotalSeconds < 0.5)
        {
            action();
            calls++;
        }

        double perCall = clock.Elapsed.TotalSeconds / calls;
        int batch = Math.Max(1, (int)(roundSeconds / perCall));
        var times = new double[rounds];
        long allocated = 0;
        for (int r = 0; r < rounds; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                action();
            }

            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batch;
            allocated = Math.Max(allocated, (GC.GetAllocatedBytesForCurrentThread() - before) / batch);
        }

        Array.Sort(times);
        double median = times[rounds / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{key}\t{median:F4}\t{allocated}\t{name}\tmin {times[0]:F4} max {times[^1]:F4}"));
    }
}
