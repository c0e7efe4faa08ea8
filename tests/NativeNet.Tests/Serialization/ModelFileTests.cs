using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Tensors;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private static readonly NetworkOptions _options = new()
    {
        InputSize = 6,
        HiddenSizes = [10, 8],
        OutputSize = 3,
        UseBatchNorm = true,
        DropoutRatio = 0.1,
        WeightDecay = 0.01,
        Seed = 21,
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (Network<float> Net, Optimizer<float> Optimizer) Trained()
    {
        var net = new Network<float>(_options, batchCapacity: 20);
        var opt = OptimizerFactory.Create<float>("adam", net.Parameters.Values.Length, 0.01, beta1: 0.8);
        var data = TestData.Blobs<float>(100, 6, 3, 2);
        new Trainer<float>(net, opt, data, new TrainerOptions { Epochs = 3, BatchSize = 20 }).Train();
        return (net, opt);
    }

    [Fact]
    public void A_saved_and_loaded_model_predicts_identically_and_keeps_optimizer_state()
    {
        var (net, opt) = Trained();
        string path = Path.Combine(_directory, "m.nnet");
        ModelFile.Save(path, net, opt);
        var loaded = ModelFile.Load<float>(path, batchCapacity: 20);

        Assert.Equal(net.Options, loaded.Network.Options);
        Assert.True(net.Parameters.Values.SequenceEqual(loaded.Network.Parameters.Values));
        Assert.True(net.Parameters.State.SequenceEqual(loaded.Network.Parameters.State));
        var data = TestData.Blobs<float>(30, 6, 3, 77);
        var x = new ReadOnlyTensorView<float>(data.Features, new Shape(30, 6));
        float[] expected = new float[30 * 3];
        float[] actual = new float[30 * 3];
        net.Predict(x, new TensorView<float>(expected, new Shape(30, 3)));
        loaded.Network.Predict(x, new TensorView<float>(actual, new Shape(30, 3)));
        Assert.Equal(expected, actual);

        Assert.NotNull(loaded.Optimizer);
        Assert.Equal("adam", loaded.Optimizer!.Name);
        Assert.Equal(opt.StepCount, loaded.Optimizer.StepCount);
        Assert.Equal(0.8f, ((Adam<float>)loaded.Optimizer).Beta1);
        for (int i = 0; i < opt.StateBufferCount; i++)
        {
            Assert.True(opt.GetStateBuffer(i).SequenceEqual(loaded.Optimizer.GetStateBuffer(i)));
        }
    }

    [Fact]
    public void A_float_model_loads_as_double()
    {
        var (net, _) = Trained();
        var loaded = ModelFile.Deserialize<double>(ModelFile.Serialize(net), batchCapacity: 20);
        for (int i = 0; i < net.Parameters.Values.Length; i++)
        {
            Assert.Equal(net.Parameters.Values[i], (float)loaded.Network.Parameters.Values[i]);
        }

        Assert.Null(loaded.Optimizer);
    }

    [Fact]
    public void Truncated_altered_foreign_and_future_files_are_rejected_with_a_reason()
    {
        var (net, opt) = Trained();
        byte[] bytes = ModelFile.Serialize(net, opt);

        for (int length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(bytes.AsSpan(0, length)));
        }

        byte[] altered = (byte[])bytes.Clone();
        altered[bytes.Length / 2] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(altered)).Message);

        byte[] foreign = (byte[])bytes.Clone();
        foreign[0] = (byte)'X';
        Assert.Contains("NNETMODL", Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(foreign)).Message);

        byte[] future = (byte[])bytes.Clone();
        future[8] = 3;
        Assert.Contains("format version 3 is not supported", Assert.Throws<InvalidFileFormatException>(() => ModelFile.Deserialize<float>(future)).Message);
    }

    [Fact]
    public void An_interrupted_save_leaves_the_previous_file_intact()
    {
        var (net, _) = Trained();
        string path = Path.Combine(_directory, "keep.nnet");
        ModelFile.Save(path, net);
        byte[] before = File.ReadAllBytes(path);

        // A save that fails half-way (here: the optimizer does not fit the network) must not touch the file.
        var wrong = OptimizerFactory.Create<float>("sgd", 5);
        Assert.Throws<ShapeMismatchException>(() => ModelFile.Save(path, net, wrong));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_directory));
        Assert.NotNull(ModelFile.Load<float>(path, 20).Network);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => ModelFile.Load<float>(Path.Combine(_directory, "none.nnet")));
    }
}
