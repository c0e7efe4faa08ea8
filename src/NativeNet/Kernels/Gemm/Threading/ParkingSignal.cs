// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// An auto-reset signal for the GEMM worker pool: <see cref="Wait"/> spins briefly (a hand-off that follows soon
/// is caught without a kernel round trip), then sleeps on a monitor. Unlike <see cref="ManualResetEventSlim"/>,
/// whose lock object is created on the first sleep (an allocation that can land in a warm call), everything is
/// allocated up front. Spurious returns are possible only after a <see cref="Set"/>; callers re-check their
/// condition in a loop.
/// </summary>
internal sealed class ParkingSignal
{
    /// <summary>SpinWait iterations before sleeping (as ManualResetEventSlim: a few microseconds, yielding past 10).</summary>
    private const int SpinIterations = 35;

    private readonly object _gate = new();
    private bool _signaled;

    /// <summary>Signals; wakes the waiter if it sleeps, else the next <see cref="Wait"/> returns at once.</summary>
    public void Set()
    {
        lock (_gate)
        {
            _signaled = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Returns once signalled and consumes the signal.</summary>
    public void Wait()
    {
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinIterations && !Volatile.Read(ref _signaled); i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        lock (_gate)
        {
            while (!_signaled)
            {
                Monitor.Wait(_gate);
            }

            _signaled = false;
        }
    }
}
