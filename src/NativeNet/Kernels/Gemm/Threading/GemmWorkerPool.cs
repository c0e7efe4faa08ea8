using System.Runtime.ExceptionServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The threads a split GEMM runs on: dedicated background threads, started the first time they are needed and
/// then parked on a <see cref="ParkingSignal"/> (a short spin, then a kernel wait), so a split product
/// allocates nothing after warm-up and an idle pool costs no CPU. Parts are claimed, not assigned: the caller and
/// every woken worker take the next unclaimed part until none is left, so when the machine is busy and a worker is
/// slow to wake, the caller simply runs more parts itself instead of waiting (a spinning or statically assigned
/// worker collapses into scheduler time slices when a third thread competes for the cores). One job at a time:
/// a caller that finds the pool busy (another thread's product, or a nested call) gets false and runs its work
/// inline, which gives the same bits.
/// </summary>
internal static class GemmWorkerPool
{
    /// <summary>Most parts one job may have (the caller runs parts too, so at most this many minus one threads).</summary>
    public const int MaxParts = 64;

    private static readonly ParkingSignal _done = new();
    private static Worker[] _workers = [];
    private static int _busy;

    // The current job. _claim packs (generation << 32) | (parts << 16) | next unclaimed part in one word, so a
    // worker decides from a single read whether a part is left: a worker that wakes after its job has ended (and
    // another has begun) can never claim a part of either job by mistake, because its compare-exchange sees the new
    // generation. (With the part count in a separate field, a stale worker could read the old claim and the next
    // job's larger count, and claim a part of the next job before its generation was published: that part ran
    // twice.) _work is written before the claim is published and read only after a successful claim.
    private static long _claim;
    private static IPartitionedWork? _work;
    private static int _finished;
    private static Exception? _error;

    /// <summary>Threads started so far (tests check the pool grows only as needed).</summary>
    public static int WorkerCount => Volatile.Read(ref _workers).Length;

    /// <summary>
    /// Runs parts 0 .. <paramref name="parts"/> - 1 of <paramref name="work"/> on the calling thread and up to
    /// <paramref name="parts"/> - 1 pool threads, and returns when all have finished. An exception in any part is
    /// rethrown here (the first one recorded) after every part has stopped, so memory the parts read stays valid
    /// until then.
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
            _work = work;
            _finished = 0;
            _error = null;
            long generation = ((Volatile.Read(ref _claim) >> 32) + 1) & int.MaxValue; // stays positive when it wraps
            Volatile.Write(ref _claim, (generation << 32) | ((long)parts << 16));
            for (int i = 0; i < parts - 1; i++)
            {
                workers[i].Wake();
            }

            RunParts(generation);

            // A loop: the signal may be a late one from the previous job's last part.
            while (Volatile.Read(ref _finished) < parts)
            {
                _done.Wait();
            }

            Exception? error = _error;
            _error = null;
            _work = null;
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

    /// <summary>Claims and runs parts of job <paramref name="generation"/> until none is left (or the job is over).</summary>
    private static void RunParts(long generation)
    {
        while (true)
        {
            long claim = Volatile.Read(ref _claim);
            if (claim >> 32 != generation)
            {
                return;
            }

            int part = (int)(claim & 0xFFFF);
            int parts = (int)((claim >> 16) & 0xFFFF);
            if (part >= parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
            {
                continue; // another thread claimed this part first
            }

            try
            {
                _work!.RunPart(part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }

            if (Interlocked.Increment(ref _finished) == parts)
            {
                _done.Set();
            }
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

    /// <summary>One background thread that helps with the current job each time it is woken, then parks again.</summary>
    private sealed class Worker
    {
        private readonly ParkingSignal _wake = new();

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NativeNet GEMM worker {index}" };
            thread.Start();
        }

        public void Wake() => _wake.Set();

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();
                RunParts(Volatile.Read(ref _claim) >> 32);
            }
        }
    }
}
