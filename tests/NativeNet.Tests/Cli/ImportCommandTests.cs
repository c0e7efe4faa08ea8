using NativeNet.Cli.Commands;
using NativeNet.Cli.Serving;
using NativeNet.Serialization;
using NativeNet.Tests.Cli.Serving;
using NativeNet.Tests.Onnx;

namespace NativeNet.Tests.Cli;

/// <summary><c>import</c> turns an ONNX model into a version-2 .nnet that predict, eval, info, export and serve take.</summary>
public class ImportCommandTests
{
    private static string Fixture(string file) => Path.Combine(OnnxFixture.Directory, file);

    [Fact]
    public void An_imported_nnet_predicts_evaluates_and_exports_as_the_ONNX_model_does()
    {
        using var dir = new TempDirectory();
        string nnet = dir.File("imported.nnet");
        var import = CliRunner.Run("import", "--model", Fixture("flatten_linear_relu.onnx"), "--to", nnet);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("format version 2", import.Output);
        Assert.Equal(ModelFile.FormatVersion, BitConverter.ToInt32(File.ReadAllBytes(nnet), 8));

        string fromOnnx = dir.File("onnx.csv");
        string fromNnet = dir.File("nnet.csv");
        Assert.Equal(0, CliRunner.Run("predict", "--model", Fixture("flatten_linear_relu.onnx"), Fixture("digit_one_56px.png"), "--invert", "--csv", fromOnnx).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--model", nnet, Fixture("digit_one_56px.png"), "--invert", "--csv", fromNnet).ExitCode);
        Assert.Equal(File.ReadAllLines(fromOnnx), File.ReadAllLines(fromNnet));

        var info = CliRunner.Run("info", "--model", nnet);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("NativeNet Affine(W1) -> Relu -> Affine(W3)", info.Output);
        Assert.Contains("settings", info.Output);

        string leaky = dir.File("leaky.nnet");
        Assert.Equal(0, CliRunner.Run("import", "--model", Fixture("leaky_logsoftmax.onnx"), "--to", leaky).ExitCode);
        Assert.Contains("alpha 0.2", CliRunner.Run("info", "--model", leaky).Output);

        string exported = dir.File("exported.onnx");
        Assert.Equal(0, CliRunner.Run("export", "--model", nnet, "--to", exported).ExitCode);
        string evalOnnx = AccuracyLine(CliRunner.Run("eval", "--model", Fixture("flatten_linear_relu.onnx")).Output);
        Assert.Equal(evalOnnx, AccuracyLine(CliRunner.Run("eval", "--model", nnet).Output));
        Assert.Equal(evalOnnx, AccuracyLine(CliRunner.Run("eval", "--model", exported).Output));
    }

    [Fact]
    public void Import_checks_its_paths_and_names_a_broken_model()
    {
        using var dir = new TempDirectory();
        CliRunner.Run("import", "--model", Fixture("flatten_linear_relu.onnx"), "--to", dir.Path).AssertOneLineError("--to");
        CliRunner.Run("import", "--model", dir.Path, "--to", dir.File("m.nnet")).AssertOneLineError("folder");
        CliRunner.Run("import", "--model", dir.File("missing.onnx"), "--to", dir.File("m.nnet")).AssertOneLineError("missing.onnx", "does not exist");
        string broken = dir.File("broken.onnx");
        File.WriteAllBytes(broken, File.ReadAllBytes(Fixture("flatten_linear_relu.onnx"))[..500]);
        CliRunner.Run("import", "--model", broken, "--to", dir.File("m.nnet")).AssertOneLineError("broken.onnx");
        Assert.False(File.Exists(dir.File("m.nnet")));
    }

    [Fact]
    public async Task Serve_answers_an_imported_model_that_ends_in_Softmax_with_its_own_probabilities()
    {
        using var dir = new TempDirectory();
        string nnet = dir.File("softmax.nnet");
        Assert.Equal(0, CliRunner.Run("import", "--model", Fixture("sigmoid_softmax.onnx"), "--to", nnet).ExitCode);
        var fixture = OnnxFixture.All.Single(f => f.Name == "sigmoid_softmax");
        var settings = new ServeSettings { Urls = "http://127.0.0.1:0", LogWarnings = false, MaxConcurrency = 2 };
        await using var server = PredictionServer.Create(ModelOption.LoadNative(nnet, settings.MaxBatch), "softmax.nnet", settings);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Addresses[0]) };
        using var response = await client.PostAsync("predict", new StringContent(TestServer.Json(fixture.Inputs, fixture.Features), System.Text.Encoding.UTF8, "application/json"));
        var predictions = await TestServer.ReadPredictionsAsync(response);
        Probabilities.AssertClose(fixture.Probabilities, [.. predictions.SelectMany(p => p.Probabilities.Select(v => (float)v))], 1e-5, "served probabilities");
        await server.StopAsync();
    }

    private static string AccuracyLine(string output) => output.Split('\n').Single(l => l.StartsWith("accuracy", StringComparison.Ordinal));
}
