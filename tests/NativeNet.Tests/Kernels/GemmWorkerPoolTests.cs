using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>
/// The worker pool behind split GEMMs: every part runs once, exceptions reach the caller, a busy pool turns
/// callers away (they run inline), concurrent products stay correct, and a split product allocates nothing once
/// warm. In the "GemmThreading" collection because the tests set the process-wide degree.
/// </summary>
[Collection("GemmThreading")]
public class GemmWorkerPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Every_part_runs_exactly_once(int parts)
    {
        var work = new CountingWork(parts);
        for (int round = 0; round < 20; round++)
        {
            Assert.True(RunWhenFree(work, parts), BusyMessage);
        }

        Assert.All(work.Counts, count => Assert.Equal(20, count));
        Assert.True(GemmWorkerPool.WorkerCount >= parts - 1);
    }

    [Fact]
    public void Thousands_of_back_to_back_jobs_of_varying_size_run_every_part_exactly_once()
    {
        var random = new Random(4);
        for (int job = 0; job < 3000; job++)
        {
            int parts = random.Next(1, 5);
            var work = new CountingWork(parts);
            Assert.True(RunWhenFree(work, parts), BusyMessage);
            Assert.All(work.Counts, count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public void Tall_products_split_from_a_lower_size_but_training_shapes_stay_on_one_thread()
    {
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 2;
            Assert.True(GemmExecution.ShouldSplit(10_000, 10, 100), "the last layer of a 10 000-row inference batch");
            Assert.False(GemmExecution.ShouldSplit(128, 784, 100), "a training forward product");
            Assert.False(GemmExecution.ShouldSplit(784, 100, 128), "a training weight gradient");
            Assert.False(GemmExecution.ShouldSplit(4000, 4000, 1), "square, not tall");
            Gemm.MaxDegreeOfParallelism = 1;
            Assert.False(GemmExecution.ShouldSplit(10_000, 100, 784));
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void An_exception_in_any_part_surfaces_on_the_caller_and_the_pool_keeps_working(int failingPart)
    {
        var failing = new ThrowingWork(failingPart);
        var thrown = Assert.Throws<InvalidOperationException>(() => RunWhenFree(failing, 3));
        Assert.Equal($"part {failingPart} failed", thrown.Message);
        Assert.Equal(3, failing.Started);

        var work = new CountingWork(3);
        Assert.True(RunWhenFree(work, 3), BusyMessage);
        Assert.Equal([1, 1, 1], work.Counts);
    }

    [Fact]
    public void A_caller_that_finds_the_pool_busy_is_turned_away()
    {
        using var inside = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var blocking = new BlockingWork(inside, release);
        var owner = new Thread(() => RunWhenFree(blocking, 2));
        owner.Start();
        try
        {
            Assert.True(inside.Wait(TimeSpan.FromSeconds(30)), "the first job never started");
            Assert.False(GemmWorkerPool.TryRun(new CountingWork(2), 2));
        }
        finally
        {
            release.Set();
            owner.Join();
        }

        Assert.True(RunWhenFree(new CountingWork(2), 2), BusyMessage);
    }

    [Theory]
    [InlineData(1000, 171, 130, MatrixTranspose.None, MatrixTranspose.Transpose)]
    [InlineData(333, 517, 129, MatrixTranspose.Transpose, MatrixTranspose.None)]
    [InlineData(2049, 37, 301, MatrixTranspose.None, MatrixTranspose.None)]
    [InlineData(41, 1100, 401, MatrixTranspose.Transpose, MatrixTranspose.Transpose)]
    public void Ragged_products_are_bit_identical_for_one_two_and_three_threads(int m, int n, int k, MatrixTranspose transA, MatrixTranspose transB)
    {
        var random = new Random(m + n + k);
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        float[] c0 = GemmReference.Random<float>(random, m * n);
        double[] ad = GemmReference.Random<double>(random, m * k);
        double[] bd = GemmReference.Random<double>(random, k * n);
        float[] bias = GemmReference.Random<float>(random, n);
        Assert.True((long)m * n * k >= 1 << 24, "shape must be above the threading threshold");

        var floats = new float[3][];
        var doubles = new double[3][];
        var fused = new float[3][];
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            for (int threads = 1; threads <= 3; threads++)
            {
                Gemm.MaxDegreeOfParallelism = threads;
                floats[threads - 1] = (float[])c0.Clone();
                Gemm.Multiply(transA, transB, m, n, k, 0.75f, a, b, 1.5f, floats[threads - 1]);
                doubles[threads - 1] = new double[m * n];
                Gemm.Multiply(transA, transB, m, n, k, 1.0, ad, bd, 0.0, doubles[threads - 1]);
                fused[threads - 1] = new float[m * n];
                Gemm.MultiplyAddBias<float>(m, n, k, a, b, bias, fused[threads - 1], GemmActivation.Relu);
            }
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }

        for (int t = 1; t < 3; t++)
        {
            Assert.Equal(floats[0], floats[t]);
            Assert.Equal(doubles[0], doubles[t]);
            Assert.Equal(fused[0], fused[t]);
        }

        var (expected, scale) = GemmReference.Compute(transA, transB, m, n, k, 1.0, ad, transA == MatrixTranspose.None ? k : m, bd, transB == MatrixTranspose.None ? n : k, 0.0, doubles[0], n);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(doubles[1][i] - expected[i]) <= 1e-12 * (scale[i] + 1), $"C[{i}] = {doubles[1][i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void Concurrent_callers_on_several_threads_all_get_the_right_bits()
    {
        const int m = 600, n = 300, k = 200, callers = 4;
        var random = new Random(11);
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        var expected = new float[m * n];
        var results = new float[callers][];
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 1;
            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1f, a, b, 0f, expected);
            Gemm.MaxDegreeOfParallelism = 2;
            Assert.True(GemmExecution.ShouldSplit(m, n, k));
            var threads = new Thread[callers];
            Exception? failure = null;
            for (int t = 0; t < callers; t++)
            {
                float[] c = results[t] = new float[m * n];
                threads[t] = new Thread(() =>
                {
                    try
                    {
                        for (int round = 0; round < 10; round++)
                        {
                            Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.None, m, n, k, 1f, a, b, 0f, c);
                        }
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                    }
                });
                threads[t].Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            Assert.Null(failure);
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }

        foreach (float[] result in results)
        {
            Assert.Equal(expected, result);
        }
    }

    [Fact]
    public void Split_products_allocate_nothing_once_warm()
    {
        const int m = 1000, n = 171, k = 130;
        var random = new Random(5);
        float[] a = GemmReference.Random<float>(random, m * k);
        float[] b = GemmReference.Random<float>(random, k * n);
        float[] bias = GemmReference.Random<float>(random, n);
        float[] c = new float[m * n];
        double[] ad = new double[m * k], bd = new double[k * n], cd = new double[m * n];
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 2;
            Assert.True(GemmExecution.ShouldSplit(m, n, k));
            for (int i = 0; i < 3; i++)
            {
                Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.Transpose, m, n, k, 1f, a, b, 0f, c);
                Gemm.Multiply(MatrixTranspose.Transpose, MatrixTranspose.None, m, n, k, 1.0, ad, bd, 0.0, cd);
                Gemm.MultiplyAddBias<float>(m, n, k, a, b, bias, c, GemmActivation.Relu);
            }

            long allocated = AllocationMeter.BytesAllocatedBy(() =>
            {
                for (int i = 0; i < 5; i++)
                {
                    Gemm.Multiply(MatrixTranspose.None, MatrixTranspose.Transpose, m, n, k, 1f, a, b, 0.5f, c);
                    Gemm.Multiply(MatrixTranspose.Transpose, MatrixTranspose.None, m, n, k, 1.0, ad, bd, 0.0, cd);
                    Gemm.MultiplyAddBias<float>(m, n, k, a, b, bias, c, GemmActivation.Relu);
                }
            });

            Assert.Equal(0, allocated);
            Assert.True(GemmWorkerPool.WorkerCount >= 1, "the products must have used the pool");
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }

    /// <summary>Counts how often each part ran.</summary>
    private const string BusyMessage = "the pool stayed busy for 30 s";

    /// <summary>
    /// TryRun, retried while it returns false: the pool is process-wide, and large products of test classes running
    /// in parallel (outside this collection) may hold it for a moment; a false return ran nothing.
    /// </summary>
    private static bool RunWhenFree(IPartitionedWork work, int parts)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!GemmWorkerPool.TryRun(work, parts))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return false;
            }

            Thread.Yield();
        }

        return true;
    }

    private sealed class CountingWork(int parts) : IPartitionedWork
    {
        public int[] Counts { get; } = new int[parts];

        public void RunPart(int part) => Interlocked.Increment(ref Counts[part]);
    }

    /// <summary>Throws from one part, after every part has started.</summary>
    private sealed class ThrowingWork(int failingPart) : IPartitionedWork
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public void RunPart(int part)
        {
            Interlocked.Increment(ref _started);
            if (part == failingPart)
            {
                throw new InvalidOperationException($"part {part} failed");
            }
        }
    }

    /// <summary>Holds part 0 until released, so the pool stays busy.</summary>
    private sealed class BlockingWork(ManualResetEventSlim inside, ManualResetEventSlim release) : IPartitionedWork
    {
        public void RunPart(int part)
        {
            if (part == 0)
            {
                inside.Set();
                release.Wait();
            }
        }
    }
}
