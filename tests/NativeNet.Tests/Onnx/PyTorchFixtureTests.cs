using NativeNet.Layers;
using NativeNet.Onnx;

namespace NativeNet.Tests.Onnx;

/// <summary>Models exported by PyTorch (Fixtures/make_fixtures.py) predict the probabilities PyTorch computed, within 1e-5.</summary>
public class PyTorchFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names => new(OnnxFixture.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Imported_model_matches_PyTorch_probabilities(string name)
    {
        var fixture = OnnxFixture.All.Single(f => f.Name == name);
        var network = OnnxImporter.Load(fixture.ModelPath);
        Assert.Equal(fixture.Features, network.InputSize);
        Assert.Equal(fixture.Classes, network.OutputSize);
        output.WriteLine(string.Join(" -> ", network.Layers.Select(l => l.Name)));

        // A batch capacity below the fixture's rows also runs the chunked path.
        float[] actual = Probabilities.Of(network.CreateSession(batchCapacity: 3), fixture.Inputs);
        Probabilities.AssertClose(fixture.Probabilities, actual, 1e-5, name);
    }

    [Fact]
    public void The_fixtures_cover_the_layers_the_issue_names()
    {
        var layers = OnnxFixture.All.ToDictionary(f => f.Name, f => OnnxImporter.Load(f.ModelPath).Layers.Select(l => l.GetType().Name[..^2]).ToArray());
        Assert.Equal(["AffineLayer", "ReluLayer", "AffineLayer"], layers["flatten_linear_relu"]);
        Assert.Equal(["AffineLayer", "SigmoidLayer", "AffineLayer", "SoftmaxLayer"], layers["sigmoid_softmax"]);
        Assert.Equal(["AffineLayer", "BatchNormalizationLayer", "TanhLayer", "AffineLayer"], layers["batchnorm_dropout_tanh"]);
        Assert.Equal(["AffineLayer"], layers["reshape_matmul"]);
        Assert.Equal(["AffineLayer", "LeakyReluLayer", "AffineLayer", "LogSoftmaxLayer"], layers["leaky_logsoftmax"]);
        Assert.Equal(0.2, ((LeakyReluLayer<float>)OnnxImporter.Load(OnnxFixture.All.Single(f => f.Name == "leaky_logsoftmax").ModelPath).Layers[1]).Alpha, 1e-6);
    }
}
