using NativeNet.Kernels;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Same seed, same bits: training is reproducible run to run and whatever <see cref="Gemm.MaxDegreeOfParallelism"/>
/// is, on one machine and one instruction set. In the GemmThreading collection because it changes that
/// process-wide setting.
/// </summary>
[Collection("GemmThreading")]
public class DeterminismTests
{
    /// <summary>Big enough that every GEMM of the first layer (192 x 192 x 512, forward and dW) takes the threaded path.</summary>
    internal static readonly NetworkOptions Wide = new()
    {
        InputSize = 512,
        HiddenSizes = [192],
        OutputSize = 10,
        UseBatchNorm = true,
        DropoutRatio = 0.1,
        WeightDecay = 1e-4,
        Seed = 77,
    };

    internal const int BatchSize = 192;

    [Fact]
    public void Same_seed_gives_bit_identical_weights_and_optimizer_state_run_to_run()
    {
        var small = Wide with { InputSize = 20, HiddenSizes = [30, 20] };
        float[] first = TrainAndDump(small, batchSize: 25, iterations: 40);
        float[] second = TrainAndDump(small, batchSize: 25, iterations: 40);
        float[] otherSeed = TrainAndDump(small with { Seed = 78 }, batchSize: 25, iterations: 40);
        Assert.True(ReliabilityFixtures.BitEqual<float>(first, second));
        Assert.False(ReliabilityFixtures.BitEqual<float>(first, otherSeed));
    }

    [Fact]
    public void Trained_weights_do_not_depend_on_the_Gemm_degree_of_parallelism()
    {
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            Gemm.MaxDegreeOfParallelism = 2;
            Assert.True(GemmExecution.ShouldSplit(BatchSize, Wide.HiddenSizes[0], Wide.InputSize), "the forward GEMM must take the threaded path");
            Assert.True(GemmExecution.ShouldSplit(Wide.InputSize, Wide.HiddenSizes[0], BatchSize), "the weight-gradient GEMM must take the threaded path");
            float[] two = TrainAndDump(Wide, BatchSize, iterations: 3);

            Gemm.MaxDegreeOfParallelism = 1;
            float[] one = TrainAndDump(Wide, BatchSize, iterations: 3);

            Gemm.MaxDegreeOfParallelism = 3;
            float[] three = TrainAndDump(Wide, BatchSize, iterations: 3);

            Assert.True(ReliabilityFixtures.BitEqual<float>(one, two), "1 vs 2 GEMM threads");
            Assert.True(ReliabilityFixtures.BitEqual<float>(one, three), "1 vs 3 GEMM threads");
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Another_process_trains_to_the_same_bits()
    {
        float[] here = TrainAndDump(Wide, BatchSize, iterations: 3);
        string child = ChildProcess.Run(ChildProcess.TrainMode, TimeSpan.FromSeconds(120));
        Assert.Equal(Hash(here), child.Trim());
    }

    /// <summary>Trains a fresh network (Adam, sampling seeded) and returns its parameters, state and optimizer state end to end.</summary>
    internal static float[] TrainAndDump(NetworkOptions options, int batchSize, int iterations)
    {
        var net = new Network<float>(options, batchSize);
        var data = TestData.Blobs<float>(2 * batchSize, options.InputSize, options.OutputSize, 4);
        var optimizer = OptimizerFactory.Create<float>("adam", net.Parameters.Values.Length, 0.01);
        var trainer = new Trainer<float>(net, optimizer, data, new TrainerOptions { BatchSize = batchSize, Seed = 3 });
        for (int i = 0; i < iterations; i++)
        {
            Assert.True(double.IsFinite(trainer.Step()));
        }

        var dump = new List<float>();
        dump.AddRange(net.Parameters.Values);
        dump.AddRange(net.Parameters.State);
        for (int i = 0; i < optimizer.StateBufferCount; i++)
        {
            dump.AddRange(optimizer.GetStateBuffer(i));
        }

        return [.. dump];
    }

    /// <summary>SHA-256 of the bits, as hex: what the child process prints.</summary>
    internal static string Hash(float[] values) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));
}
