using System.Runtime.ExceptionServices;

namespace NativeNet.Kernels;

/// <summary>
/// The threads a split GEMM runs on: one dedicated background thread per extra part, started the first time it
/// is needed and then parked on a <see cref="ManualResetEventSlim"/> (a short spin, then a kernel wait), so a
/// split product allocates nothing after warm-up and an idle pool costs no CPU. Unlike Parallel.For this creates
/// no delegates, options or tasks per call, and unlike a spinning worker it does not collapse into scheduler time
/// slices when a third thread competes for the cores. One job at a time: a caller that finds the pool busy (another
/// thread's product, or a nested call) gets false and runs its work inline, which gives the same bits.
/// </summary>
internal static class GemmWorkerPool
{
    /// <summary>Most parts one job may have (the caller runs part 0, so at most this many minus one threads).</summary>
    public const int MaxParts = 64;

    private static readonly ManualResetEventSlim _done = new(false);
    private static Worker[] _workers = [];
    private static int _busy;
    private static int _remaining;
    private static Exception? _workerError;

    /// <summary>Threads started so far (tests check the pool grows only as needed).</summary>
    public static int WorkerCount => Volatile.Read(ref _workers).Length;

    /// <summary>
    /// Runs parts 0 .. <paramref name="parts"/> - 1 of <paramref name="work"/>, part 0 on the calling thread and the
    /// others on pool threads, and returns when all have finished. An exception in any part is rethrown here (the
    /// caller's own first, else the first worker's) after every part has stopped, so memory the parts read stays
    /// valid until then.
    /// </summary>
    /// <returns>False, having run nothing, when the pool is already running another job.</returns>
    public static bool TryRun(IPartitionedWork work, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, MaxParts);
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            Worker[] workers = EnsureWorkers(parts - 1);
            _workerError = null;
            _remaining = parts - 1;
            _done.Reset();
            for (int i = 1; i < parts; i++)
            {
                workers[i - 1].Start(work, i);
            }

            Exception? callerError = null;
            try
            {
                work.RunPart(0);
            }
            catch (Exception e)
            {
                callerError = e;
            }

            if (parts > 1)
            {
                _done.Wait();
            }

            Exception? error = callerError ?? _workerError;
            _workerError = null;
            if (error != null)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>At least <paramref name="count"/> started workers; called only by the job owner, so no lock is needed.</summary>
    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] workers = _workers;
        if (workers.Length >= count)
        {
            return workers;
        }

        var grown = new Worker[count];
        Array.Copy(workers, grown, workers.Length);
        for (int i = workers.Length; i < count; i++)
        {
            grown[i] = new Worker(i + 1);
        }

        Volatile.Write(ref _workers, grown);
        return grown;
    }

    /// <summary>Called by a worker when its part ends; the last one wakes the caller.</summary>
    private static void PartFinished(Exception? error)
    {
        if (error != null)
        {
            Interlocked.CompareExchange(ref _workerError, error, null);
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.Set();
        }
    }

    /// <summary>One background thread that runs one part per <see cref="Start"/> and parks in between.</summary>
    private sealed class Worker
    {
        private readonly ManualResetEventSlim _go = new(false);
        private IPartitionedWork? _work;
        private int _part;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NativeNet GEMM worker {index}" };
            thread.Start();
        }

        public void Start(IPartitionedWork work, int part)
        {
            _work = work;
            _part = part;
            _go.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                IPartitionedWork work = _work!;
                _work = null;
                Exception? error = null;
                try
                {
                    work.RunPart(_part);
                }
                catch (Exception e)
                {
                    error = e;
                }

                PartFinished(error);
            }
        }
    }
}
