using Microsoft.ML.OnnxRuntime;
using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Onnx;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Tensors;
using NativeNet.Tests.Networks;

namespace NativeNet.Tests.Onnx;

/// <summary>A trained NativeNet model exported to ONNX runs in ONNX Runtime to the same probabilities, and imports back.</summary>
public class OnnxExportTests
{
    private const int Features = 20;
    private const int Classes = 4;

    [Fact]
    public void Onnx_Runtime_gives_the_probabilities_of_a_trained_batch_norm_model()
    {
        var (network, inputs) = TrainedNetwork(DropoutMode.Reference);
        byte[] onnx = OnnxExporter.Serialize(network.Layers, network.InputSize);

        float[] expected = Probabilities.Of(network.CreateSession(), inputs);
        float[] actual = Probabilities.Softmax(RunOnnxRuntime(onnx, inputs, network.InputSize, network.OutputSize), Classes);
        Probabilities.AssertClose(expected, actual, 1e-5, "ONNX Runtime vs NativeNet");
    }

    [Fact]
    public void Nnet_to_onnx_to_NativeNet_predicts_the_same_labels()
    {
        var (network, inputs) = TrainedNetwork(DropoutMode.Inverted);
        string directory = Path.Combine(Path.GetTempPath(), "nativenet-onnx-" + Guid.NewGuid().ToString("N"));
        try
        {
            string nnet = Path.Combine(directory, "model.nnet");
            string onnx = Path.Combine(directory, "model.onnx");
            ModelFile.Save(nnet, network);
            OnnxExporter.Save(ModelFile.Load<float>(nnet).Network, onnx);
            var imported = OnnxImporter.Load(onnx);

            int rows = inputs.Length / Features;
            var expected = new int[rows];
            var actual = new int[rows];
            var x = new ReadOnlyTensorView<float>(inputs, new Shape(rows, Features));
            network.CreateSession().PredictLabels(x, expected);
            imported.CreateSession().PredictLabels(x, actual);
            Assert.Equal(expected, actual);
            Probabilities.AssertClose(Probabilities.Of(network.CreateSession(), inputs), Probabilities.Of(imported.CreateSession(), inputs), 1e-6, "round trip");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Every_layer_type_exports_and_imports_back()
    {
        var net = new SequentialNetwork<float>(6, () =>
        [
            new AffineLayer<float>(6, 5, 0.5, "W1", "b1"),
            new LeakyReluLayer<float>(5, 0.2),
            new AffineLayer<float>(5, 5, 0.5, "W2", "b2"),
            new SigmoidLayer<float>(5),
            new AffineLayer<float>(5, 3, 0.5, "W3", "b3"),
            new LogSoftmaxLayer<float>(3),
        ], seed: 5);
        float[] inputs = LayerTestKitInputs(10 * 6);
        var imported = OnnxImporter.Load(OnnxExporter.Serialize(net.Layers, net.InputSize));
        Assert.Equal(net.Layers.Select(l => l.GetType()), imported.Layers.Select(l => l.GetType()));
        Probabilities.AssertClose(Probabilities.Of(net.CreateSession(), inputs), Probabilities.Of(imported.CreateSession(), inputs), 1e-6, "layer list round trip");
        float[] ort = RunOnnxRuntime(OnnxExporter.Serialize(net.Layers, net.InputSize), inputs, 6, 3);
        Probabilities.AssertClose(Probabilities.Of(net.CreateSession(), inputs), Probabilities.Softmax(ort, 3), 1e-5, "ONNX Runtime");
    }

    private static float[] LayerTestKitInputs(int count) => NativeNet.Tests.Layers.LayerTestKit.Gaussian<float>(count, 11);

    /// <summary>Hidden 16 and 12 with batch norm, ReLU and dropout, trained by SGD on Gaussian blobs.</summary>
    private static (Network<float> Network, float[] Inputs) TrainedNetwork(DropoutMode dropout)
    {
        var options = new NetworkOptions
        {
            InputSize = Features,
            HiddenSizes = [16, 12],
            OutputSize = Classes,
            UseBatchNorm = true,
            DropoutRatio = 0.2,
            DropoutMode = dropout,
            Seed = 3,
        };
        var network = new Network<float>(options, batchCapacity: 50);
        var data = TestData.Blobs<float>(200, Features, Classes, seed: 9);
        var sgd = new Sgd<float>(network.Parameters.Values.Length, 0.1f);
        for (int step = 0; step < 40; step++)
        {
            int start = (step * 50) % 200;
            var x = new ReadOnlyTensorView<float>(data.Features.AsSpan(start * Features, 50 * Features), new Shape(50, Features));
            network.Gradient(x, LabelBatch<float>.FromIndices(data.Labels.AsSpan(start, 50)));
            sgd.Step(network.Parameters.Values, network.Parameters.Gradients);
        }

        Assert.True(network.Accuracy(new ReadOnlyTensorView<float>(data.Features, new Shape(200, Features)), LabelBatch<float>.FromIndices(data.Labels)) > 0.8);
        Assert.Contains(network.Parameters.State.ToArray(), v => v != 0 && v != 1); // the running statistics moved
        return (network, data.Features[..(30 * Features)]);
    }

    private static float[] RunOnnxRuntime(byte[] model, float[] inputs, int inputSize, int outputSize)
    {
        int rows = inputs.Length / inputSize;
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, [rows, inputSize]);
        using var results = session.Run(new RunOptions(), [OnnxExporter.InputName], [input], [OnnxExporter.OutputName]);
        float[] scores = results[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(rows * outputSize, scores.Length);
        return scores;
    }
}
