using System.Collections.Concurrent;
using NativeNet.Networks;

namespace NativeNet.Cli.Serving;

/// <summary>
/// A fixed set of <see cref="InferenceSession{T}"/>s, one per request predicting at a time, and a bounded
/// count of requests waiting for one. A session belongs to one thread at a time, so a request holds its
/// session only for the synchronous forward pass; past the queue bound, <see cref="TryRentAsync"/> says no
/// at once rather than letting latency grow without limit.
/// </summary>
internal sealed class SessionPool : IDisposable
{
    private readonly ConcurrentBag<InferenceSession<float>> _idle = [];
    private readonly SemaphoreSlim _free;
    private readonly int _maxPending;
    private int _pending; // holding a session or waiting for one

    public SessionPool(Network<float> network, int sessions, int maxQueue, int batchCapacity)
        : this(network.CreateSession, sessions, maxQueue, batchCapacity)
    {
    }

    /// <summary>A pool of <paramref name="sessions"/> sessions made by <paramref name="newSession"/>, each for batches of <paramref name="batchCapacity"/>.</summary>
    public SessionPool(Func<int, InferenceSession<float>> newSession, int sessions, int maxQueue, int batchCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sessions);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        for (var i = 0; i < sessions; i++)
            _idle.Add(newSession(batchCapacity));
        _free = new SemaphoreSlim(sessions, sessions);
        Size = sessions;
        _maxPending = sessions + maxQueue;
    }

    /// <summary>The number of sessions.</summary>
    public int Size { get; }

    /// <summary>Requests holding a session now.</summary>
    public int Busy => Size - _free.CurrentCount;

    /// <summary>Requests waiting for a session now.</summary>
    public int Waiting => Math.Max(0, Volatile.Read(ref _pending) - Size);

    /// <summary>A session, after waiting in the queue if all are busy; null if the queue is full.</summary>
    public async ValueTask<Lease?> TryRentAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pending) > _maxPending)
        {
            Interlocked.Decrement(ref _pending);
            return null;
        }

        try
        {
            // The common case, a free session, without an asynchronous wait.
            if (!_free.Wait(0, CancellationToken.None))
                await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }

        if (!_idle.TryTake(out var session))
            throw new InvalidOperationException("Session pool: a slot was free but no session was idle.");
        return new Lease(this, session);
    }

    private void Return(InferenceSession<float> session)
    {
        _idle.Add(session);
        _free.Release();
        Interlocked.Decrement(ref _pending);
    }

    public void Dispose() => _free.Dispose();

    /// <summary>One session on loan; disposing gives it back.</summary>
    internal sealed class Lease(SessionPool pool, InferenceSession<float> session) : IDisposable
    {
        private int _returned;

        public InferenceSession<float> Session { get; } = session;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
                pool.Return(Session);
        }
    }
}
