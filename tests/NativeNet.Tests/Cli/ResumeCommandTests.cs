using NativeNet.Cli;
using NativeNet.Serialization;

namespace NativeNet.Tests.Cli;

/// <summary><c>train --checkpoint</c> and <c>--resume</c> in-process: checkpoints every N epochs, and options that conflict with the run.</summary>
public class ResumeCommandTests
{
    [Fact]
    public void Checkpoints_are_written_every_n_epochs_and_resume_refuses_a_conflicting_option()
    {
        using var dir = new TempDirectory();
        string checkpoint = dir.File("run.ckpt");
        var run = CliRunner.Run("train", "--epochs", "3", "--hidden", "20", "--eval-samples", "200", "--checkpoint", checkpoint, "--checkpoint-every", "2",
            "--out", dir.File("m.nnet"), "--plots", dir.File("p"));
        Assert.True(run.ExitCode == CliApp.Success, run.Error);
        Assert.Contains($"checkpoint {checkpoint} (epoch 2)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(epoch 1)", run.Output, StringComparison.Ordinal);
        var loaded = CheckpointFile.Load<float>(checkpoint);
        Assert.Equal(2, loaded.EpochsCompleted);
        Assert.Equal("3", loaded.RunOptions["--epochs"]);

        var conflict = CliRunner.Run("train", "--resume", checkpoint, "--epochs", "5");
        Assert.Equal(CliApp.UsageError, conflict.ExitCode);
        conflict.AssertOneLineError("--epochs 5 conflicts", "has --epochs 3");
        var unset = CliRunner.Run("train", "--resume", checkpoint, "--lr", "0.1");
        Assert.Equal(CliApp.UsageError, unset.ExitCode);
        unset.AssertOneLineError("--lr 0.1 conflicts", "does not set it");

        // The same value is no conflict; the resumed run trains the last epoch and saves the model.
        var resumed = CliRunner.Run("train", "--resume", checkpoint, "--epochs", "3", "--hidden", "20");
        Assert.True(resumed.ExitCode == CliApp.Success, resumed.Error);
        Assert.Contains("epoch   3/3", resumed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch   2/3", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_from_a_missing_file_or_a_model_file_fails_in_one_line()
    {
        using var dir = new TempDirectory();
        CliRunner.Run("train", "--resume", dir.File("missing.ckpt")).AssertOneLineError("does not exist");
        string model = dir.File("m.nnet");
        File.WriteAllBytes(model, ModelFile.Serialize(new NativeNet.Networks.Network<float>(new NativeNet.Networks.NetworkOptions { HiddenSizes = [4], Seed = 1 }, 1)));
        CliRunner.Run("train", "--resume", model).AssertOneLineError("model file, not a checkpoint");
    }
}
