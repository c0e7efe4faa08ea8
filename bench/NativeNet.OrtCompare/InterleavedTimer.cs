using System.Diagnostics;

namespace NativeNet.OrtCompare;

/// <summary>The median, spread and managed bytes per call of one side's timed rounds, in milliseconds per call.</summary>
/// <param name="Median">The median round.</param>
/// <param name="Min">The fastest round.</param>
/// <param name="Max">The slowest round.</param>
/// <param name="BytesPerCall">The most managed bytes a round allocated on this thread, per call.</param>
public readonly record struct RoundStats(double Median, double Min, double Max, long BytesPerCall);

/// <summary>
/// Times two actions in alternating rounds (A then B, then B then A, ...) so that drift of a shared host hits both
/// sides alike, and reports each side's median of rounds. Each side is warmed past tiered JIT first, and its calls
/// per round are sized to take about the same time.
/// </summary>
public static class InterleavedTimer
{
    /// <summary>Times <paramref name="a"/> and <paramref name="b"/>; <paramref name="rounds"/> rounds each of about <paramref name="roundSeconds"/>.</summary>
    public static (RoundStats A, RoundStats B) Run(Func<float> a, Func<float> b, double roundSeconds, int rounds)
    {
        int callsA = CallsPerRound(a, roundSeconds);
        int callsB = CallsPerRound(b, roundSeconds);
        var timesA = new double[rounds];
        var timesB = new double[rounds];
        long bytesA = 0, bytesB = 0;
        for (int r = 0; r < rounds; r++)
        {
            if (r % 2 == 0)
            {
                timesA[r] = Round(a, callsA, ref bytesA);
                timesB[r] = Round(b, callsB, ref bytesB);
            }
            else
            {
                timesB[r] = Round(b, callsB, ref bytesB);
                timesA[r] = Round(a, callsA, ref bytesA);
            }
        }

        return (Stats(timesA, bytesA), Stats(timesB, bytesB));
    }

    private static int CallsPerRound(Func<float> action, double roundSeconds)
    {
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (calls < 200 || clock.Elapsed.TotalSeconds < 0.5)
        {
            action();
            calls++;
        }

        return Math.Max(1, (int)(roundSeconds / (clock.Elapsed.TotalSeconds / calls)));
    }

    private static double Round(Func<float> action, int calls, ref long maxBytesPerCall)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds / calls;
        maxBytesPerCall = Math.Max(maxBytesPerCall, (GC.GetAllocatedBytesForCurrentThread() - before) / calls);
        return milliseconds;
    }

    private static RoundStats Stats(double[] times, long bytesPerCall)
    {
        Array.Sort(times);
        return new RoundStats(times[times.Length / 2], times[0], times[^1], bytesPerCall);
    }
}
