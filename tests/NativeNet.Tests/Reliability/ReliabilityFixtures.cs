using System.Numerics;
using System.Runtime.InteropServices;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Randomness;
using NativeNet.Tensors;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>Small trained models and bit-level comparisons shared by the reliability tests.</summary>
internal static class ReliabilityFixtures
{
    /// <summary>Every layer kind of the network builder: batch norm, dropout and two hidden layers.</summary>
    public static readonly NetworkOptions Serving = new()
    {
        InputSize = 24,
        HiddenSizes = [32, 16],
        OutputSize = 5,
        UseBatchNorm = true,
        DropoutRatio = 0.2,
        Seed = 5,
    };

    /// <summary>A network of <paramref name="options"/> trained for a few iterations, so batch-norm running statistics are not trivial.</summary>
    public static Network<T> Trained<T>(NetworkOptions options, int batchCapacity, int iterations = 30)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = new Network<T>(options, batchCapacity);
        var data = TestData.Blobs<T>(200, options.InputSize, options.OutputSize, 9);
        var optimizer = OptimizerFactory.Create<T>("adam", net.Parameters.Values.Length, 0.01);
        var trainer = new Trainer<T>(net, optimizer, data, new TrainerOptions { Epochs = 1, BatchSize = Math.Min(20, batchCapacity) });
        for (int i = 0; i < iterations; i++)
        {
            trainer.Step();
        }

        return net;
    }

    /// <summary>Inputs that are not the training data: Gaussian features of the given count.</summary>
    public static T[] Inputs<T>(int rows, int features, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[rows * features];
        new SeededRandom(seed).FillGaussian<T>(x, 1.0);
        return x;
    }

    /// <summary>Scores of <paramref name="rows"/> samples by the network itself, on the calling thread.</summary>
    public static T[] ReferenceScores<T>(Network<T> net, T[] x, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scores = new T[rows * net.OutputSize];
        net.Predict(new ReadOnlyTensorView<T>(x, new Shape(rows, net.InputSize)), new TensorView<T>(scores, new Shape(rows, net.OutputSize)));
        return scores;
    }

    /// <summary>True when the two spans hold the same bits (NaN payloads and signed zeros included).</summary>
    public static bool BitEqual<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged => MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));
}
