using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NativeNet.Cli;
using NativeNet.Cli.Input;
using NativeNet.Serialization;
using NativeNet.Tests.Reliability;

namespace NativeNet.Tests.Cli.Serving;

/// <summary><c>nativenet serve</c> as a command: its argument errors, and a real process that serves and stops on SIGTERM.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _model;

    public ServeCommandTests()
    {
        _model = _dir.File("m.nnet");
        ModelFile.Save(_model, TestServer.SmallNetwork());
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("https://127.0.0.1:5000", "https")]
    [InlineData("abc", "--urls")]
    [InlineData("", "--urls")]
    [InlineData("ftp://127.0.0.1:21", "http")]
    public void Bad_urls_are_usage_errors(string urls, string fragment)
    {
        var run = CliRunner.Run("serve", "--model", _model, "--urls", urls);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError(fragment);
    }

    [Theory]
    [InlineData("--max-concurrency", "0")]
    [InlineData("--max-concurrency", "257")]
    [InlineData("--max-queue", "-1")]
    public void Out_of_range_limits_are_usage_errors(string option, string value)
    {
        var run = CliRunner.Run("serve", "--model", _model, option, value);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError(option);
    }

    [Fact]
    public void A_missing_model_fails_before_listening() =>
        CliRunner.Run("serve", "--model", _dir.File("missing.nnet"), "--urls", "http://127.0.0.1:0").AssertOneLineError("missing.nnet");

    [Fact]
    public void A_port_in_use_is_a_one_line_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var run = CliRunner.Run("serve", "--model", _model, "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(CliApp.Failure, run.ExitCode);
        run.AssertOneLineError(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Check_only_runs_stop_before_listening()
    {
        var error = new StringWriter();
        var code = CliApp.Execute(["serve", "--model", _model], new CliConsole(TextWriter.Null, error, isTerminal: false) { CheckOnly = true });
        Assert.Equal(CliApp.Success, code);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Predict_reads_png_images_as_serve_does()
    {
        var grey = new byte[784];
        new Random(3).NextBytes(grey);
        var png = _dir.File("digit.png");
        File.WriteAllBytes(png, TestImages.Png(28, 28, grey));
        var pgm = _dir.File("digit.pgm");
        File.WriteAllBytes(pgm, PgmReader.EncodeBinary(28, 28, [.. grey.Select(g => g / 255f)]));
        var fromPng = CliRunner.Run("predict", "--model", _model, png);
        var fromPgm = CliRunner.Run("predict", "--model", _model, pgm);
        Assert.True(fromPng.ExitCode == 0, fromPng.Error);
        Assert.Equal(fromPgm.Output.Replace("digit.pgm", "digit.png", StringComparison.Ordinal), fromPng.Output);
    }

    [Fact]
    public async Task A_serve_process_answers_then_drains_and_exits_0_on_sigterm()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is POSIX");
        using var process = ChildProcess.Start(ChildProcess.ServeMode, _model);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var url = Regex.Match(line ?? "", @"on (http://127\.0\.0\.1:\d+)").Groups[1].Value;
            Assert.True(url.Length > 0, $"no address in the first line of output: '{line}'");
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            var rows = TestServer.RandomRows(1, 784, seed: 4);
            using var response = await client.PostAsync("predict", new StringContent(TestServer.Json(rows, 784), System.Text.Encoding.UTF8, "application/json"));
            TestServer.AssertSame(TestServer.Expected(TestServer.SmallNetwork(), rows, new NativeNet.Cli.Serving.ServeSettings().MaxBatch), await TestServer.ReadPredictionsAsync(response));

            Assert.Equal(0, Kill(process.Id, Sigterm));
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "serve did not stop on SIGTERM");
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("stopped", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
