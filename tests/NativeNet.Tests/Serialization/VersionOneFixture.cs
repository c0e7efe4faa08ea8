using NativeNet.Networks;
using NativeNet.Optimizers;

namespace NativeNet.Tests.Serialization;

/// <summary>
/// The network and optimizer behind <c>Fixtures/model-v1.nnet</c>, a model file written by the version-1 writer
/// before version 2 existed: every value is set by hand (no training), so the same objects can be rebuilt bit for
/// bit on any machine and compared with what the committed file loads as.
/// </summary>
internal static class VersionOneFixture
{
    public const string FileName = "model-v1.nnet";

    public static string PathInOutput => System.IO.Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", FileName);

    public static NetworkOptions Options { get; } = new()
    {
        InputSize = 4,
        HiddenSizes = [3],
        OutputSize = 2,
        Activation = Activation.Tanh,
        UseBatchNorm = true,
        DropoutRatio = 0.25,
        WeightDecay = 0.001,
        Seed = 7,
    };

    public static (Network<float> Network, Optimizer<float> Optimizer) Build()
    {
        var network = new Network<float>(Options, batchCapacity: 4);
        var values = network.Parameters.Values;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i % 7) * 0.125f - 0.375f;
        }

        var state = network.Parameters.State;
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = 0.5f + (i * 0.25f);
        }

        var adam = OptimizerFactory.Create<float>("adam", values.Length, 0.01, beta1: 0.8);
        adam.StepCount = 5;
        for (int b = 0; b < adam.StateBufferCount; b++)
        {
            var buffer = adam.GetStateBuffer(b);
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (b + 1) * 0.0625f * (i % 5);
            }
        }

        return (network, adam);
    }
}
