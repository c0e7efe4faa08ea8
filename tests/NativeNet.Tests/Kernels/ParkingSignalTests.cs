using NativeNet.Kernels;

namespace NativeNet.Tests.Kernels;

/// <summary>The pool's auto-reset signal: a set before the wait is kept, a wait sleeps until a set, and each set is consumed once.</summary>
public class ParkingSignalTests
{
    [Fact]
    public void A_set_before_the_wait_is_kept_and_consumed()
    {
        var signal = new ParkingSignal();
        signal.Set();
        signal.Wait();

        // Consumed: the next wait needs a new set, which a second thread gives after the waiter has started.
        var waiter = new Thread(signal.Wait);
        waiter.Start();
        Assert.False(waiter.Join(TimeSpan.FromMilliseconds(100)), "the signal was not consumed");
        signal.Set();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(30)), "a set did not wake the sleeping waiter");
    }

    [Fact]
    public void Ping_pong_between_two_threads_never_loses_a_wake_up()
    {
        var ping = new ParkingSignal();
        var pong = new ParkingSignal();
        const int rounds = 20_000;
        var other = new Thread(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                ping.Wait();
                pong.Set();
            }
        });
        other.Start();
        for (int i = 0; i < rounds; i++)
        {
            ping.Set();
            pong.Wait();
        }

        Assert.True(other.Join(TimeSpan.FromSeconds(30)));
    }
}
