using NativeNet.Cli;
using NativeNet.Datasets;

namespace NativeNet.Tests.Cli;

/// <summary>Small things a newcomer trips over: each now says what is wrong, or does what was meant.</summary>
public sealed class PapercutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tune_report_without_a_folder_points_to_its_own_help()
    {
        var run = CliRunner.Run("tune", "report");
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError("(see 'nativenet tune report --help')");
    }

    [Fact]
    public void Eval_of_a_folder_says_it_is_a_folder()
    {
        var run = CliRunner.Run("eval", "--model", _dir.Path);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError($"--model '{_dir.Path}' is a folder");
    }

    [Fact]
    public void Eval_reads_only_the_test_files()
    {
        // The training files are absent: eval must not ask for them.
        foreach (var name in BundledMnist.FileNames.Skip(2))
        {
            using var source = BundledMnist.Open(name);
            using var target = File.Create(_dir.File(name));
            source.CopyTo(target);
        }

        var model = _dir.File("m.nnet");
        NativeNet.Serialization.ModelFile.Save(model, new NativeNet.Networks.Network<float>(new NativeNet.Networks.NetworkOptions { HiddenSizes = [8] }, 1));
        var run = CliRunner.Run("eval", "--model", model, "--data", _dir.Path);
        Assert.True(run.ExitCode == CliApp.Success, run.Error);
        Assert.Contains(": 10000 test images", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_says_when_it_replaces_plots()
    {
        var plots = _dir.File("plots");
        string[] args = ["train", "--epochs", "1", "--hidden", "10", "--eval-samples", "100", "--out", _dir.File("m.nnet"), "--plots", plots];
        var first = CliRunner.Run(args);
        Assert.True(first.ExitCode == CliApp.Success, first.Error);
        Assert.DoesNotContain("replacing", first.Output, StringComparison.Ordinal);
        var second = CliRunner.Run(args);
        Assert.True(second.ExitCode == CliApp.Success, second.Error);
        Assert.Contains($"plots     replacing loss.svg and accuracy.svg in {plots}", second.Output, StringComparison.Ordinal);
    }
}
