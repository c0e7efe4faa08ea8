using System.Diagnostics;
using NativeNet.Cli;

namespace NativeNet.Tests.Cli;

/// <summary>Every output path is checked before the first step of work, and the error names the path as typed.</summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string AFile()
    {
        var path = _dir.File("a-file");
        File.WriteAllText(path, "not a folder");
        return path;
    }

    [Fact]
    public void Train_into_an_existing_folder_fails_in_under_a_second_without_training()
    {
        var folder = _dir.File("existing");
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        var run = CliRunner.Run("train", "--epochs", "200", "--out", folder);
        clock.Stop();
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError($"--out '{folder}' is a folder");
        Assert.Equal(string.Empty, run.Output);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 1);
    }

    [Fact]
    public void A_path_below_a_file_is_refused()
    {
        var file = AFile();
        var below = Path.Combine(file, "m.nnet");
        CliRunner.Run("train", "--out", below, "--plots", _dir.File("p")).AssertOneLineError($"--out '{below}' is below '{file}', which is a file");
        CliRunner.Run("train", "--out", _dir.File("m.nnet"), "--plots", Path.Combine(file, "deeper", "plots")).AssertOneLineError("--plots", "which is a file");
    }

    [Theory]
    [InlineData("train", "--plots")]
    [InlineData("tune", "--out")]
    [InlineData("experiment", "--out")]
    public void A_file_where_a_folder_goes_is_refused(string command, string option)
    {
        var file = AFile();
        string[] args = command == "experiment" ? [command, "gradient-descent", option, file] : [command, option, file];
        var run = CliRunner.Run(args);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError($"{option} '{file}' is a file, not a folder");
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void The_model_and_the_plots_cannot_share_a_path()
    {
        var same = _dir.File("both");
        CliRunner.Run("train", "--out", same, "--plots", same).AssertOneLineError("are the same path");
    }

    [Fact]
    public void An_unwritable_folder_is_named_as_typed()
    {
        // /proc refuses new files even to root (tests run as root here, for whom no permission bit applies).
        if (!OperatingSystem.IsLinux())
            return;
        var run = CliRunner.Run("train", "--out", "/proc/nativenet/m.nnet", "--plots", _dir.File("p"));
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError("--out '/proc/nativenet/m.nnet' cannot be written");
        Assert.DoesNotContain(".tmp", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_report_of_a_missing_folder_says_so()
    {
        var run = CliRunner.Run("tune", "report", _dir.File("absent"));
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError("folder", "absent", "does not exist");
    }
}
