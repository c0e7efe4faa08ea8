using NativeNet.Cli;

namespace NativeNet.Tests.Cli;

/// <summary>Values that do not parse, are out of range or not finite: one line in the user's words, exit 2, before any work.</summary>
public class ArgumentErrorTests
{
    [Theory]
    [InlineData("--epochs takes a whole number of at least 1; got 'abc'", "train", "--epochs", "abc")]
    [InlineData("--epochs takes a whole number of at least 1; got '1.5'", "train", "--epochs", "1.5")]
    [InlineData("--epochs takes a whole number of at least 1; got '99999999999'", "train", "--epochs", "99999999999")]
    [InlineData("--batch takes a whole number of at least 1; got 'abc'", "train", "--batch", "abc")]
    [InlineData("--lr takes a finite number greater than 0; got 'inf'", "train", "--lr", "inf")]
    [InlineData("--lr takes a finite number greater than 0; got 'NaN'", "train", "--lr", "NaN")]
    [InlineData("--lr takes a finite number greater than 0; got '∞'", "train", "--lr", "∞")]
    [InlineData("--momentum takes a number from 0 up to (not including) 1; got '1'", "train", "--momentum", "1")]
    [InlineData("--weight-decay takes a finite number of at least 0; got '-0.1'", "train", "--weight-decay", "-0.1")]
    [InlineData("--eval-samples takes a whole number of at least 1; got ''", "train", "--eval-samples", "")]
    [InlineData("--seed takes a whole number; got '1e3'", "experiment", "gradient-descent", "--seed", "1e3")]
    [InlineData("--trials takes a whole number from 1 to 1000000; got 'x'", "tune", "--trials", "x")]
    [InlineData("--parallel takes a whole number from 1 to 256; got '-3'", "tune", "--parallel", "-3")]
    [InlineData("--eta takes a whole number from 2 to 1000000; got '1'", "tune", "--eta", "1")]
    [InlineData("--rounds takes a whole number from 1 to 100; got 'two'", "tune", "--rounds", "two")]
    [InlineData("--keep-best takes a whole number of at least 1; got '0'", "tune", "--keep-best", "0")]
    [InlineData("--trial takes a whole number from 0 to 999999; got 'first'", "tune", "--trial", "first")]
    [InlineData("--keep-best takes a whole number of at least 1; got 'all'", "tune", "report", "somewhere", "--keep-best", "all")]
    [InlineData("--hidden takes layer widths from 1 to 4096", "train", "--hidden", "100,2000000000")]
    public void A_bad_number_is_one_line_naming_the_option_and_the_value(string expected, params string[] args)
    {
        var run = CliRunner.Run(args);
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError(expected);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_larger_than_the_data_set_is_refused_before_training()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("train", "--batch", "2000000000", "--out", dir.File("m.nnet"), "--plots", dir.File("p"));
        Assert.Equal(CliApp.UsageError, run.ExitCode);
        run.AssertOneLineError("--batch 2000000000 is larger than the 10000 training images");
        Assert.DoesNotContain("epoch", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.nnet")));
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_pointing_to_verbose()
    {
        var error = new StringWriter();
        var code = CliApp.Execute(["info"], new CliConsole(new BrokenWriter(), error, isTerminal: false));
        Assert.Equal(CliApp.Failure, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: unexpected InvalidOperationException: the writer is broken (run again with --verbose for the details)", line);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var error = new StringWriter();
        var code = CliApp.Execute(["info", "--verbose"], new CliConsole(new BrokenWriter(), error, isTerminal: false));
        Assert.Equal(CliApp.Failure, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: unexpected InvalidOperationException", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    /// <summary>Output that fails on every write, as a closed pipe might: an error no command expects.</summary>
    private sealed class BrokenWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the writer is broken");

        public override void Write(string? value) => throw new InvalidOperationException("the writer is broken");
    }
}
