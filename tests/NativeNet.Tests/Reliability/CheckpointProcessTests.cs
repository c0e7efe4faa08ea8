using System.Diagnostics;
using NativeNet.Cli;
using NativeNet.Serialization;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// The command line's checkpoints in real processes: <c>nativenet train</c> interrupted by SIGINT mid-epoch exits
/// with <see cref="CliApp.Interrupted"/> and leaves a valid checkpoint, and <c>--resume</c> ends with the same model
/// bytes, plots and final accuracy as an uninterrupted run; a second SIGINT stops at once without leaving a
/// partial or temporary file; SIGKILL during checkpoint saves leaves the previous checkpoint intact.
/// </summary>
public sealed class CheckpointProcessTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>1000 iterations per epoch of a small network on the bundled sample: long enough to interrupt mid-epoch, short to run.</summary>
    private static readonly string[] _run =
    [
        "train", "--hidden", "64", "--batch", "10", "--epochs", "8", "--eval-samples", "500", "--seed", "7", "--dropout", "0.1", "--batchnorm",
        "--optimizer", "momentum", "--sampling", "permutation", "--threads", "1",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-ckpt-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Sigint_mid_epoch_leaves_a_checkpoint_and_resume_gives_the_uninterrupted_run()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        var (code, stdout, _) = RunInProcess([.. _run, "--out", Path.Combine(_directory, "a.nnet"), "--plots", Path.Combine(_directory, "plots-a")]);
        Assert.Equal(CliApp.Success, code);
        string expectedAccuracy = stdout.Split('\n').Single(l => l.StartsWith("final test accuracy", StringComparison.Ordinal));

        // The signal must land inside an epoch, not between two: retried in the rare case it did not.
        string checkpoint = Path.Combine(_directory, "b.ckpt");
        LoadedCheckpoint<float>? stopped = null;
        for (int attempt = 0; attempt < 3 && stopped is null; attempt++)
        {
            using var child = ChildProcess.StartCli(_directory, [.. _run, "--out", "b.nnet", "--plots", "plots-b", "--checkpoint", "b.ckpt", "--checkpoint-every", "2"]);
            var stderr = child.StandardError.ReadToEndAsync();
            WaitForLine(child, "epoch   1/8");
            Thread.Sleep(60);
            PosixSignals.Send(child.Id, PosixSignals.SigInt);
            string rest = await child.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            string errors = await stderr.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(60)), "the interrupted run did not stop");
            output.WriteLine(rest + errors);
            Assert.Equal(CliApp.Interrupted, child.ExitCode);
            string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("checkpoint written to b.ckpt; resume with: nativenet train --resume b.ckpt", line);
            var loaded = CheckpointFile.Load<float>(checkpoint);
            output.WriteLine($"attempt {attempt}: stopped after {loaded.IterationsCompleted} iterations");
            if (loaded.IterationsCompleted % 1000 != 0)
            {
                stopped = loaded;
            }
        }

        Assert.NotNull(stopped);
        Assert.False(File.Exists(Path.Combine(_directory, "b.nnet")), "an interrupted run saves no model");
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));

        // Resumed in this process: the same bits as the uninterrupted run, whichever process computed them.
        var (resumedCode, resumedOut, resumedError) = RunInProcess(["train", "--resume", checkpoint]);
        Assert.True(resumedCode == CliApp.Success, resumedError);
        Assert.Contains(expectedAccuracy, resumedOut);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_directory, "a.nnet")), File.ReadAllBytes(Path.Combine(_directory, "b.nnet")));
        foreach (string plot in new[] { "loss.svg", "accuracy.svg" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_directory, "plots-a", plot)), File.ReadAllText(Path.Combine(_directory, "plots-b", plot)));
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_second_sigint_stops_at_once_without_a_partial_or_temporary_file()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        // Wide layers, so that stopping (the final evaluation, the checkpoint of 3.6 million values) takes a while.
        using var child = ChildProcess.StartCli(_directory, ["train", "--hidden", "1024,1024", "--batch", "10", "--epochs", "3", "--eval-samples", "100", "--optimizer", "momentum", "--out", "c.nnet", "--plots", "plots-c", "--checkpoint", "c.ckpt"]);
        var stderr = child.StandardError.ReadToEndAsync();
        WaitForLine(child, "checkpoint c.ckpt (epoch 1)");
        PosixSignals.Send(child.Id, PosixSignals.SigInt);
        WaitForLine(child, "SIGINT: stopping after the current step");
        PosixSignals.Send(child.Id, PosixSignals.SigInt);
        await child.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        string errors = await stderr.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(60)), "the run did not stop");
        output.WriteLine($"exit {child.ExitCode}: {errors}");

        Assert.Equal(StopSignal.ImmediateExitCode, child.ExitCode);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
        Assert.False(File.Exists(Path.Combine(_directory, "c.nnet")));
        // The checkpoint of epoch 1 is still there and whole.
        Assert.Equal(1, CheckpointFile.Load<float>(Path.Combine(_directory, "c.ckpt")).EpochsCompleted);
    }

    /// <summary>Runs the command line in this process; paths are absolute (the stored ones of a checkpoint are too).</summary>
    private static (int Code, string Output, string Error) RunInProcess(string[] arguments)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(arguments, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void WaitForLine(Process child, string prefix)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            string? line = child.StandardOutput.ReadLine();
            if (line is null)
            {
                break;
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"the child never printed '{prefix}'");
    }
}
