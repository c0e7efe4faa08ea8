using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NativeNet.Benchmarks.Workloads;
using NativeNet.Kernels;

namespace NativeNet.Benchmarks.Floors;

/// <summary>
/// The machine limits the predict targets are judged against (<c>--floors</c>): how fast one core reads an array
/// of a given size (L2, L3, main memory) with <see cref="MemoryFloor.Read"/>, and how many GFLOP/s the Vector512
/// GEMM micro-kernel reaches alone on data in L1. Best of several timed repetitions each, Stopwatch; these are
/// ceilings, so the best run is the one that counts.
/// </summary>
public static unsafe class FloorProbe
{
    private static readonly int[] _sizesKb = [313, 440, 4_000, 31_000, 64_000];

    /// <summary>Keeps the sums alive so no read can be optimised away.</summary>
    private static float _sink;

    /// <summary>Prints the read rates and the micro-kernel rate.</summary>
    public static void Run()
    {
        foreach (int kb in _sizesKb)
        {
            float[] values = new float[kb * 1024 / sizeof(float) / 128 * 128];
            values.AsSpan().Fill(1f);
            int calls = Math.Max(2, 20_000 / kb);
            double best = Best(() =>
            {
                for (int i = 0; i < calls; i++)
                {
                    _sink += MemoryFloor.Read(values);
                }
            }) / calls;
            Console.WriteLine(Invariant($"read {kb,6} KB once: {best * 1e6,9:F2} µs = {values.Length * 4.0 / best / 1e9,6:F1} GB/s"));
        }

        if (!Vector512.IsHardwareAccelerated)
        {
            Console.WriteLine("micro-kernel: Vector512 is not available here");
            return;
        }

        foreach (int kc in new[] { 16, 256, 784 })
        {
            Console.WriteLine(Invariant($"8x32 micro-kernel alone, kc = {kc,3}: {KernelGflops(kc),6:F1} GFLOP/s"));
        }
    }

    private static double KernelGflops(int kc)
    {
        float* a = (float*)NativeMemory.AlignedAlloc((nuint)(8 * kc * sizeof(float)), 64);
        float* b = (float*)NativeMemory.AlignedAlloc((nuint)(32 * kc * sizeof(float)), 64);
        float* c = (float*)NativeMemory.AlignedAlloc(8 * 32 * sizeof(float), 64);
        float* scratch = (float*)NativeMemory.AlignedAlloc(8 * 64 * sizeof(float), 64);
        try
        {
            new Span<float>(a, 8 * kc).Fill(0.001f);
            new Span<float>(b, 32 * kc).Fill(0.002f);
            var epilogue = GemmEpilogue<float>.ForBlock(1f, 0f, firstBlock: true, lastBlock: true, relu: false);
            int calls = 20_000_000 / kc;
            double best = Best(() =>
            {
                for (int i = 0; i < calls; i++)
                {
                    GemmKernel512<float>.Run(kc, a, b, 32, c, 32, 8, 32, epilogue, null, scratch);
                }
            });
            return 2.0 * 8 * 32 * kc * calls / best / 1e9;
        }
        finally
        {
            NativeMemory.AlignedFree(a);
            NativeMemory.AlignedFree(b);
            NativeMemory.AlignedFree(c);
            NativeMemory.AlignedFree(scratch);
        }
    }

    /// <summary>The fastest of 7 timed runs after 3 untimed ones, in seconds.</summary>
    private static double Best(Action body)
    {
        for (int i = 0; i < 3; i++)
        {
            body();
        }

        double best = double.MaxValue;
        for (int i = 0; i < 7; i++)
        {
            long start = Stopwatch.GetTimestamp();
            body();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
