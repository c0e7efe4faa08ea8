using System.Diagnostics;
using System.Globalization;
using NativeNet.Benchmarks.Workloads;

namespace NativeNet.Benchmarks.ColdStart;

/// <summary>
/// What the first calls of a process cost: <c>--cold-start [processes]</c> starts that many fresh processes of this
/// program (same environment, so <c>DOTNET_EnableAVX2=0</c> and tiering settings pass through); each builds the
/// 784-100x4-10 network, times its first 200 batch-1 predictions one by one, then predicts for two seconds so the
/// tiered JIT finishes, and times 2000 more as the warm reference. BenchmarkDotNet cannot measure this: it warms
/// up by design. Stopwatch timings of single calls, so read the medians, not the maxima.
/// </summary>
public static class ColdStartProbe
{
    private const string ChildFlag = "--cold-start-child";
    private const int ColdCalls = 200;
    private const int WarmCalls = 2000;

    /// <summary>Runs the probe: as the parent with <c>--cold-start</c>, as one fresh process with the child flag.</summary>
    public static void Run(string[] args)
    {
        if (args.Contains(ChildFlag))
        {
            MeasureThisProcess();
            return;
        }

        int processes = args.Length > 1 && int.TryParse(args[1], out int p) && p > 0 ? p : 5;
        var rows = new List<double[]>();
        Console.WriteLine($"fresh processes: {processes}; per process: first call, median of the first {ColdCalls} calls, warm median (µs)");
        for (int i = 0; i < processes; i++)
        {
            double[] row = RunChild();
            rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  process {i + 1}: first {row[0],8:F1}   cold median {row[1],6:F2}   warm median {row[2],6:F2}   ratio {row[1] / row[2],5:F2}x"));
        }

        double Median(int column) => MedianOf(rows.Select(r => r[column]));
        double ratio = MedianOf(rows.Select(r => r[1] / r[2]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median over processes: first call {Median(0):F1} µs, first {ColdCalls} calls {Median(1):F2} µs, warm {Median(2):F2} µs, cold/warm {ratio:F2}x"));
    }

    private static double[] RunChild()
    {
        string entry = typeof(ColdStartProbe).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals(Path.GetFileNameWithoutExtension(entry), StringComparison.Ordinal))
        {
            start.ArgumentList.Add(entry); // running under "dotnet NativeNet.Benchmarks.dll"
        }

        start.ArgumentList.Add("--cold-start");
        start.ArgumentList.Add(ChildFlag);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start a child process");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the child process exited with {child.ExitCode}: {output}");
        }

        return [.. output.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private static void MeasureThisProcess()
    {
        var workload = new PredictWorkload(1);
        double[] cold = Time(workload, ColdCalls);

        var settle = Stopwatch.StartNew();
        while (settle.ElapsedMilliseconds < 2000)
        {
            workload.Predict();
        }

        double[] warm = Time(workload, WarmCalls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cold[0]} {MedianOf(cold)} {MedianOf(warm)}"));
    }

    private static double[] Time(PredictWorkload workload, int calls)
    {
        var micros = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            workload.Predict();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return micros;
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }
}
