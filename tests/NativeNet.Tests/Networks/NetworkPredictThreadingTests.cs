using NativeNet.Kernels;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

/// <summary>
/// Predict on a batch large enough that its GEMMs are split across the worker pool: the scores are the
/// one-thread scores bit for bit, and warm calls allocate nothing (in the "GemmThreading" collection because the
/// tests set the process-wide degree).
/// </summary>
[Collection("GemmThreading")]
public class NetworkPredictThreadingTests
{
    private const int Batch = 2500;

    [Fact]
    public void Threaded_predict_gives_the_one_thread_bits_and_allocates_nothing_once_warm()
    {
        var net = new Network<float>(new NetworkOptions { HiddenSizes = [100, 100], Seed = 7 }, batchCapacity: Batch);
        var random = new Random(8);
        float[] x = new float[Batch * net.InputSize];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)random.NextDouble();
        }

        float[] one = new float[Batch * net.OutputSize];
        float[] two = new float[Batch * net.OutputSize];
        float[] three = new float[Batch * net.OutputSize];
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Assert.True((long)Batch * 100 * net.InputSize >= 1 << 24, "the first layer must be split");
            Predict(net, x, one, threads: 1);
            Predict(net, x, three, threads: 3);
            for (int i = 0; i < 3; i++)
            {
                Predict(net, x, two, threads: 2);
            }

            long allocated = AllocationMeter.BytesAllocatedBy(() =>
            {
                for (int i = 0; i < 5; i++)
                {
                    Predict(net, x, two, threads: 2);
                }
            });

            Assert.Equal(0, allocated);
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }

        Assert.Equal(one, two);
        Assert.Equal(one, three);
    }

    private static void Predict(Network<float> net, float[] x, float[] scores, int threads)
    {
        Gemm.MaxDegreeOfParallelism = threads;
        net.Predict(new ReadOnlyTensorView<float>(x, new Shape(Batch, net.InputSize)), new TensorView<float>(scores, new Shape(Batch, net.OutputSize)));
    }
}
