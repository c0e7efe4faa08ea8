using System.Globalization;
using NativeNet.Cli.Input;
using NativeNet.Networks;
using NativeNet.Onnx;
using NativeNet.Serialization;
using NativeNet.Tests.Onnx;

namespace NativeNet.Tests.Cli;

/// <summary><c>predict</c>, <c>eval</c>, <c>info</c> on ONNX models, <c>export</c>, and PNG inputs.</summary>
public class OnnxCommandTests
{
    private static string Fixture(string file) => Path.Combine(OnnxFixture.Directory, file);

    [Fact]
    public void Predict_reads_an_ONNX_model_and_a_PNG_and_writes_the_CSV()
    {
        using var dir = new TempDirectory();
        string csv = dir.File("predictions.csv");
        var run = CliRunner.Run("predict", "--model", Fixture("flatten_linear_relu.onnx"), Fixture("digit_one_56px.png"), "--invert", "--csv", csv);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Predictions", run.Output);

        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("input,index,label,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9", lines[0]);
        string[] fields = lines[1].Split(',');
        Assert.Equal(["digit_one_56px.png", "0"], fields[..2]);
        double[] probabilities = [.. fields[3..].Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
        Assert.Equal(1, probabilities.Sum(), 1e-6);

        // The same numbers as the importer on the scaled, inverted pixels.
        float[] pixels = ImageInputs.Load([Fixture("digit_one_56px.png")], 784, invert: true)[0].Pixels;
        Assert.Equal(1f - (20f / 255f), pixels[(14 * 28) + 14], 1e-6); // inside the stroke
        Assert.Equal(0f, pixels[0]);
        float[] expected = Probabilities.Of(OnnxImporter.Load(Fixture("flatten_linear_relu.onnx")).CreateSession(), pixels);
        for (int k = 0; k < 10; k++)
        {
            Assert.Equal(expected[k], probabilities[k], 1e-6);
        }

        Assert.Equal(Array.IndexOf(expected, expected.Max()), int.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_model_ending_in_Softmax_is_not_softmaxed_twice()
    {
        var model = Commands_LoadAny(Fixture("sigmoid_softmax.onnx"));
        Assert.True(model.OutputsProbabilities);
        var fixture = OnnxFixture.All.Single(f => f.Name == "sigmoid_softmax");
        var images = Enumerable.Range(0, fixture.Rows).Select(i => new InputImage($"row{i}", fixture.Inputs[(i * 20)..((i + 1) * 20)])).ToList();
        var predictions = NativeNet.Cli.Commands.PredictCommand.Predict(model, images);
        Probabilities.AssertClose(fixture.Probabilities, [.. predictions.SelectMany(p => p.Probabilities.Select(v => (float)v))], 1e-5, "CLI probabilities");
    }

    [Fact]
    public void Export_then_eval_and_info_on_the_ONNX_file_agree_with_the_nnet_model()
    {
        using var dir = new TempDirectory();
        string nnet = dir.File("model.nnet");
        string onnx = dir.File("model.onnx");
        var network = new Network<float>(new NetworkOptions { InputSize = 784, HiddenSizes = [32], OutputSize = 10, UseBatchNorm = true, Seed = 4 });
        network.Parameters.State.Fill(0.75f);
        ModelFile.Save(nnet, network);

        var export = CliRunner.Run("export", "--model", nnet, "--to", onnx);
        Assert.Equal(0, export.ExitCode);
        Assert.True(File.Exists(onnx));

        var evalNnet = CliRunner.Run("eval", "--model", nnet);
        var evalOnnx = CliRunner.Run("eval", "--model", onnx);
        Assert.Equal(0, evalOnnx.ExitCode);
        Assert.Equal(AccuracyLine(evalNnet.Output), AccuracyLine(evalOnnx.Output));

        var info = CliRunner.Run("info", "--model", onnx);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("BatchNormalizationLayer", info.Output);
        Assert.Contains("AffineLayer", info.Output);
    }

    [Fact]
    public void Export_refuses_an_ONNX_model_and_checks_the_output_path_first()
    {
        using var dir = new TempDirectory();
        CliRunner.Run("export", "--model", Fixture("flatten_linear_relu.onnx"), "--to", dir.File("x.onnx")).AssertOneLineError("ONNX");
        CliRunner.Run("export", "--model", dir.File("missing.nnet"), "--to", dir.Path).AssertOneLineError("--to");
    }

    [Fact]
    public void A_broken_ONNX_model_is_one_line_error()
    {
        using var dir = new TempDirectory();
        string path = dir.File("broken.onnx");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture("flatten_linear_relu.onnx"))[..500]);
        CliRunner.Run("predict", "--model", path, Fixture("digit_one_56px.png")).AssertOneLineError("broken.onnx", "not a valid ONNX model");
    }

    private static NativeNet.Cli.Commands.ClassifierModel Commands_LoadAny(string path) => NativeNet.Cli.Commands.ModelOption.LoadAny(path);

    private static string AccuracyLine(string output) => output.Split('\n').Single(l => l.StartsWith("accuracy", StringComparison.Ordinal));
}
