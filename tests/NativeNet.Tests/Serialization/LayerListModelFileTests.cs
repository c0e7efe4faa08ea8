using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Networks;
using NativeNet.Onnx;
using NativeNet.Randomness;
using NativeNet.Serialization;
using NativeNet.Tensors;
using NativeNet.Tests.Onnx;

namespace NativeNet.Tests.Serialization;

/// <summary>Version-2 model files: any layer list (hand-built or imported from ONNX) saves and loads to the same predictions.</summary>
public sealed class LayerListModelFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-layer-list-").FullName;

    public static TheoryData<string> FixtureNames => new(OnnxFixture.All.Select(f => f.Name));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void An_imported_PyTorch_model_saved_as_nnet_predicts_bit_identically(string name)
    {
        var fixture = OnnxFixture.All.Single(f => f.Name == name);
        var imported = OnnxImporter.Load(fixture.ModelPath);
        string path = Path.Combine(_directory, name + ".nnet");
        ModelFile.Save(path, imported);
        var loaded = ModelFile.LoadSequential<float>(path);

        Assert.Equal(imported.InputSize, loaded.InputSize);
        Assert.Equal(Describe(imported), Describe(loaded));
        Assert.Equal(imported.Parameters.Values.ToArray(), loaded.Parameters.Values.ToArray());
        Assert.Equal(imported.Parameters.State.ToArray(), loaded.Parameters.State.ToArray());
        Assert.Equal(Scores(imported, fixture.Inputs), Scores(loaded, fixture.Inputs));
        Probabilities.AssertClose(fixture.Probabilities, Probabilities.Of(loaded.CreateSession(batchCapacity: 3), fixture.Inputs), 1e-5, name);
    }

    [Fact]
    public void A_hand_built_list_of_every_layer_kind_round_trips_with_its_hyperparameters()
    {
        var network = EveryKind();
        var loaded = ModelFile.DeserializeSequential<float>(ModelFile.Serialize(network));

        Assert.Equal(Describe(network), Describe(loaded));
        Assert.Equal(["Affine(Wa)", "BatchNorm(g)", "LeakyRelu", "Dropout(0.25)", "Affine(W2)", "Tanh", "Dropout(0.5)", "Affine(W3)", "Sigmoid", "Relu", "Affine(W4)", "Softmax", "LogSoftmax"], loaded.Layers.Select(l => l.Name));
        Assert.Equal(0.3, ((LeakyReluLayer<float>)loaded.Layers[2]).Alpha);
        var bn = (BatchNormalizationLayer<float>)loaded.Layers[1];
        Assert.Equal((0.7, 1e-3), (bn.Momentum, bn.Epsilon));
        Assert.Equal(DropoutMode.Inverted, ((DropoutLayer<float>)loaded.Layers[3]).Mode);
        Assert.Equal(network.Parameters.Values.ToArray(), loaded.Parameters.Values.ToArray());
        Assert.Equal(network.Parameters.State.ToArray(), loaded.Parameters.State.ToArray());
        float[] x = Inputs(9, network.InputSize);
        Assert.Equal(Scores(network, x), Scores(loaded, x));
    }

    [Fact]
    public void A_float_layer_list_loads_as_double()
    {
        var network = EveryKind();
        var loaded = ModelFile.DeserializeSequential<double>(ModelFile.Serialize(network));
        Assert.Equal(network.Parameters.Values.ToArray(), loaded.Parameters.Values.ToArray().Select(v => (float)v));
    }

    [Fact]
    public void A_version_1_file_loads_as_the_layer_list_its_options_build()
    {
        var (expected, _) = VersionOneFixture.Build();
        var loaded = ModelFile.LoadSequential<float>(VersionOneFixture.PathInOutput);

        Assert.Equal(expected.Layers.Select(l => l.Name), loaded.Layers.Select(l => l.Name));
        float[] x = Inputs(5, expected.InputSize);
        float[] scores = new float[5 * expected.OutputSize];
        expected.Predict(new ReadOnlyTensorView<float>(x, new Shape(5, expected.InputSize)), new TensorView<float>(scores, new Shape(5, expected.OutputSize)));
        Assert.Equal(scores, Scores(loaded, x));
    }

    [Fact]
    public void Loading_a_layer_list_as_a_trainable_network_names_the_method_that_loads_it()
    {
        byte[] bytes = ModelFile.Serialize(EveryKind());
        var error = Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(bytes, "list.nnet"));
        Assert.StartsWith("list.nnet: format version 2 holds a layer list", error.Message);
        Assert.Contains("LoadSequential", error.Message);
    }

    [Fact]
    public void Truncated_altered_and_future_layer_lists_are_rejected_with_a_reason()
    {
        byte[] bytes = ModelFile.Serialize(EveryKind());
        for (int length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            Assert.Throws<InvalidFileFormatException>(() => ModelFile.DeserializeSequential<float>(bytes.AsSpan(0, length)));
        }

        byte[] altered = (byte[])bytes.Clone();
        altered[bytes.Length / 2] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<InvalidFileFormatException>(() => ModelFile.DeserializeSequential<float>(altered)).Message);

        byte[] future = (byte[])bytes.Clone();
        future[8] = 3;
        Assert.Contains("format version 3 is not supported", Assert.Throws<InvalidFileFormatException>(() => ModelFile.DeserializeSequential<float>(future)).Message);
    }

    [Fact]
    public void A_layer_of_the_users_own_is_not_saved()
    {
        var network = new SequentialNetwork<float>(3, () => [new AffineLayer<float>(3, 2, 0.1), new Negate(2)]);
        var error = Assert.Throws<NotSupportedException>(() => ModelFile.Serialize(network));
        Assert.Contains("Layer 2 (Negate", error.Message);
    }

    [Fact]
    public void A_diverged_layer_list_is_not_saved_and_the_previous_file_stays()
    {
        var network = EveryKind();
        string path = Path.Combine(_directory, "keep.nnet");
        ModelFile.Save(path, network);
        byte[] before = File.ReadAllBytes(path);

        network.Parameters.Values[3] = float.NaN;
        Assert.Throws<InvalidOperationException>(() => ModelFile.Save(path, network));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    /// <summary>Every kind of layer a version-2 file holds, with non-default hyperparameters and names, and state set.</summary>
    internal static SequentialNetwork<float> EveryKind()
    {
        var network = new SequentialNetwork<float>(
            6,
            () =>
            [
                new AffineLayer<float>(6, 5, 0.2, "Wa", "ba"),
                new BatchNormalizationLayer<float>(5, "g", "be", "mean", "var", momentum: 0.7, epsilon: 1e-3),
                new LeakyReluLayer<float>(5, 0.3),
                new DropoutLayer<float>(5, 0.25, new SeededRandom(1), DropoutMode.Inverted),
                new AffineLayer<float>(5, 4, 0.3, "W2", "b2"),
                new TanhLayer<float>(4),
                new DropoutLayer<float>(4, 0.5, new SeededRandom(2)),
                new AffineLayer<float>(4, 4, 0.3, "W3", "b3"),
                new SigmoidLayer<float>(4),
                new ReluLayer<float>(4),
                new AffineLayer<float>(4, 3, 0.3, "W4", "b4"),
                new SoftmaxLayer<float>(3),
                new LogSoftmaxLayer<float>(3),
            ],
            seed: 5);
        var state = network.Parameters.State;
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = 0.25f + (0.5f * (i % 3));
        }

        return network;
    }

    internal static float[] Inputs(int rows, int features)
    {
        var random = new SeededRandom(11);
        float[] x = new float[rows * features];
        random.FillGaussian(x.AsSpan(), 1.0);
        return x;
    }

    private static float[] Scores(SequentialNetwork<float> network, float[] x)
    {
        int rows = x.Length / network.InputSize;
        float[] scores = new float[rows * network.OutputSize];
        network.CreateSession(batchCapacity: 4).Predict(new ReadOnlyTensorView<float>(x, new Shape(rows, network.InputSize)), new TensorView<float>(scores, new Shape(rows, network.OutputSize)));
        return scores;
    }

    private static LayerDescription[] Describe<T>(SequentialNetwork<T> network)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => [.. network.Layers.Select(l => ((IStorableLayer)l).Describe())];

    /// <summary>A layer NativeNet does not know: y = -x.</summary>
    private sealed class Negate(int length) : ILayer<float>
    {
        public string Name => "Negate";

        public int InputLength => length;

        public int OutputLength => length;

        public int ParameterLength => 0;

        public int StateLength => 0;

        public void Plan(ParameterLayout parameters, WorkspacePlan workspace)
        {
        }

        public void Bind(ParameterStore<float> parameters, Workspace<float> workspace)
        {
        }

        public void Initialize(SeededRandom random)
        {
        }

        public void Forward(ReadOnlyTensorView<float> x, TensorView<float> y, bool training) => System.Numerics.Tensors.TensorPrimitives.Negate(x.Span, y.Span);

        public void Backward(ReadOnlyTensorView<float> x, ReadOnlyTensorView<float> y, ReadOnlyTensorView<float> dy, TensorView<float> dx) => System.Numerics.Tensors.TensorPrimitives.Negate(dy.Span, dx.Span);
    }
}
