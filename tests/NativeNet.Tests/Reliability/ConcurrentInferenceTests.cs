using System.Diagnostics;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Tensors;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Many sessions over one model on every core: each prediction equals the single-threaded one bit for bit,
/// and no call allocates. Runs are bounded by an iteration count and by wall time, whichever ends first.
/// </summary>
public class ConcurrentInferenceTests
{
    private const int Capacity = 16;

    /// <summary>Each thread predicts at least this often, however loaded the machine, so every thread overlaps the others.</summary>
    private const int MinimumPredictions = 20;

    /// <summary>Request sizes: one row (the GEMV path), partial, full and multi-chunk batches.</summary>
    private static readonly int[] _requestRows = [1, 5, Capacity, Capacity + 1, (3 * Capacity) + 7];

    /// <summary>
    /// Predictions per allocation window. A per-call allocation shows in every window (each thread runs at least
    /// two); the runtime itself now and then allocates a few KB on a busy thread once (seen under heavy load, with
    /// no prediction allocating), so one window per thread may.
    /// </summary>
    private const int AllocationWindow = MinimumPredictions / 2;

    private static int ThreadCount => Math.Max(4, 2 * Environment.ProcessorCount);

    [Fact]
    public void Sessions_on_every_core_predict_bit_for_bit_what_one_thread_predicts()
    {
        var net = ReliabilityFixtures.Trained<float>(ReliabilityFixtures.Serving, Capacity);
        var outcome = Hammer(net.CreateSession, net, iterationsPerThread: 200, TimeSpan.FromSeconds(1));
        outcome.AssertClean();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Sessions_on_every_core_predict_bit_for_bit_for_several_seconds()
    {
        var net = ReliabilityFixtures.Trained<float>(ReliabilityFixtures.Serving with { HiddenSizes = [64, 64, 32] }, Capacity);
        var outcome = Hammer(net.CreateSession, net, iterationsPerThread: 200_000, TimeSpan.FromSeconds(5));
        outcome.AssertClean();
        Assert.True(outcome.Predictions >= ThreadCount * 100, $"only {outcome.Predictions} predictions ran");
    }

    [Fact]
    public void A_snapshot_serves_unchanged_predictions_while_the_network_trains()
    {
        var net = ReliabilityFixtures.Trained<float>(ReliabilityFixtures.Serving, Capacity);
        var snapshot = net.CreateSnapshot();
        float[] snapshotValues = snapshot.Values.ToArray();
        float[] snapshotState = snapshot.State.ToArray();

        var data = TestData.Blobs<float>(200, net.InputSize, net.OutputSize, 10);
        var optimizer = OptimizerFactory.Create<float>("sgd", net.Parameters.Values.Length, 0.1);
        var trainer = new Trainer<float>(net, optimizer, data, new TrainerOptions { Epochs = 1, BatchSize = Capacity });
        using var training = new CancellationTokenSource();

        // The reference comes from a snapshot session on this thread: the network itself is about to change.
        var reference = snapshot.CreateSession(Capacity);
        var outcome = Hammer(
            snapshot.CreateSession,
            reference,
            iterationsPerThread: int.MaxValue,
            TimeSpan.FromSeconds(30),
            whileRunning: () =>
            {
                for (int i = 0; i < 300; i++)
                {
                    Assert.True(double.IsFinite(trainer.Step()));
                }
            });

        outcome.AssertClean();
        Assert.False(ReliabilityFixtures.BitEqual<float>(snapshotValues, net.Parameters.Values), "training must have changed the network");
        Assert.True(ReliabilityFixtures.BitEqual<float>(snapshotValues, snapshot.Values));
        Assert.True(ReliabilityFixtures.BitEqual<float>(snapshotState, snapshot.State));
    }

    /// <summary>
    /// Starts <see cref="ThreadCount"/> threads, each with its own session, predicting the requests over and
    /// over until the iteration count, the time limit, or (when given) the end of <paramref name="whileRunning"/>
    /// on the calling thread. Each result is compared with the reference computed before the threads start.
    /// </summary>
    private static Outcome Hammer(
        Func<int, InferenceSession<float>> createSession,
        object reference,
        int iterationsPerThread,
        TimeSpan limit,
        Action? whileRunning = null)
    {
        int inputSize = ReliabilityFixtures.Serving.InputSize;
        int outputSize = ReliabilityFixtures.Serving.OutputSize;
        float[][] inputs = new float[_requestRows.Length][];
        float[][] expected = new float[_requestRows.Length][];
        for (int r = 0; r < _requestRows.Length; r++)
        {
            inputs[r] = ReliabilityFixtures.Inputs<float>(_requestRows[r], inputSize, 100 + (ulong)r);
            expected[r] = new float[_requestRows[r] * outputSize];
            var x = new ReadOnlyTensorView<float>(inputs[r], new Shape(_requestRows[r], inputSize));
            var y = new TensorView<float>(expected[r], new Shape(_requestRows[r], outputSize));
            if (reference is Network<float> net)
            {
                net.Predict(x, y);
            }
            else
            {
                ((InferenceSession<float>)reference).Predict(x, y);
            }
        }

        int threads = ThreadCount;
        long[] predictions = new long[threads];
        long[] mismatches = new long[threads];
        long[] allocatingWindows = new long[threads];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(threads + 1);
        bool stop = false;
        long deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            var session = createSession(Capacity);
            workers[t] = new Thread(() =>
            {
                try
                {
                    float[][] outputs = [.. expected.Select(e => new float[e.Length])];
                    for (int r = 0; r < _requestRows.Length; r++)
                    {
                        PredictRequest(session, inputs[r], outputs[r], _requestRows[r]); // warm-up: GEMM packing buffers of this thread
                    }

                    start.SignalAndWait();
                    long windowStart = GC.GetAllocatedBytesForCurrentThread();
                    long done = 0;
                    long wrong = 0;
                    while (done < iterationsPerThread && (done < MinimumPredictions || (!Volatile.Read(ref stop) && Stopwatch.GetTimestamp() < deadline)))
                    {
                        int r = (int)((done + index) % _requestRows.Length);
                        PredictRequest(session, inputs[r], outputs[r], _requestRows[r]);
                        if (!ReliabilityFixtures.BitEqual<float>(outputs[r], expected[r]))
                        {
                            wrong++;
                        }

                        done++;
                        if (done % AllocationWindow == 0)
                        {
                            long now = GC.GetAllocatedBytesForCurrentThread();
                            allocatingWindows[index] += now != windowStart ? 1 : 0;
                            windowStart = now;
                        }
                    }

                    predictions[index] = done;
                    mismatches[index] = wrong;
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                    start.RemoveParticipant();
                }
            });
            workers[t].Start();
        }

        start.SignalAndWait();
        try
        {
            whileRunning?.Invoke();
        }
        finally
        {
            // Without a concurrent job the threads run to their count or the time limit.
            if (whileRunning is not null)
            {
                Volatile.Write(ref stop, true);
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        return new Outcome(predictions.Sum(), mismatches.Sum(), allocatingWindows.Max(), [.. errors], predictions.Min());
    }

    private static void PredictRequest(InferenceSession<float> session, float[] x, float[] scores, int rows) =>
        session.Predict(new ReadOnlyTensorView<float>(x, new Shape(rows, session.InputSize)), new TensorView<float>(scores, new Shape(rows, session.OutputSize)));

    private sealed record Outcome(long Predictions, long Mismatches, long MostAllocatingWindowsOfAThread, Exception[] Errors, long FewestPredictionsOfAThread)
    {
        public void AssertClean()
        {
            Assert.Empty(Errors);
            Assert.True(Mismatches == 0, $"{Mismatches} of {Predictions} predictions differ from the single-threaded bits");
            Assert.True(MostAllocatingWindowsOfAThread <= 1, $"a thread allocated in {MostAllocatingWindowsOfAThread} windows of {AllocationWindow} predictions");
            Assert.True(FewestPredictionsOfAThread >= MinimumPredictions, $"a thread predicted only {FewestPredictionsOfAThread} times");
        }
    }
}
