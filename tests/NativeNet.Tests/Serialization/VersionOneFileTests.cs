using NativeNet.Optimizers;
using NativeNet.Serialization;

namespace NativeNet.Tests.Serialization;

/// <summary>
/// A committed version-1 model file (<c>Fixtures/model-v1.nnet</c>) keeps loading, to the same values, whatever
/// later versions add: the fixture was written by the version-1 writer before version 2 existed.
/// </summary>
public sealed class VersionOneFileTests
{
    [Fact]
    public void The_committed_version_1_file_loads_to_the_values_it_was_written_from()
    {
        var (expected, expectedOptimizer) = VersionOneFixture.Build();
        var loaded = ModelFile.Load<float>(VersionOneFixture.PathInOutput, batchCapacity: 4);

        Assert.Equal(VersionOneFixture.Options, loaded.Network.Options);
        Assert.Equal(expected.Parameters.Values.ToArray(), loaded.Network.Parameters.Values.ToArray());
        Assert.Equal(expected.Parameters.State.ToArray(), loaded.Network.Parameters.State.ToArray());
        var adam = Assert.IsType<Adam<float>>(loaded.Optimizer);
        Assert.Equal(0.8f, adam.Beta1);
        Assert.Equal(expectedOptimizer.StepCount, adam.StepCount);
        for (int b = 0; b < adam.StateBufferCount; b++)
        {
            Assert.Equal(expectedOptimizer.GetStateBuffer(b).ToArray(), adam.GetStateBuffer(b).ToArray());
        }
    }

    [Fact]
    public void A_network_built_from_options_is_still_written_as_the_committed_version_1_bytes()
    {
        var (network, optimizer) = VersionOneFixture.Build();
        Assert.Equal(File.ReadAllBytes(VersionOneFixture.PathInOutput), ModelFile.Serialize(network, optimizer));
    }
}
