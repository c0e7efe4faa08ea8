using NativeNet.Cli;
using NativeNet.Tests.Tuning;

namespace NativeNet.Tests.Cli;

/// <summary>
/// <c>nativenet tune --spec FILE</c> with hostile values in the file: each costs one line <c>error: ...</c> naming
/// the line and the rule, exit code 2, before any work, and nothing is written.
/// </summary>
public sealed class HostileSpecTests : IDisposable
{
    private readonly string _directory = TuningTestSupport.NewDirectory();

    public void Dispose() => TuningTestSupport.DeleteDirectory(_directory);

    [Theory]
    [InlineData("batch_size = 1000000000", "line 2: '1000000000' is not a valid value of batch_size: a whole number from 1 to 1000000")]
    [InlineData("batch_size = 2000000000", "not a valid value of batch_size")]
    [InlineData("batch_size = 99999999999", "not a valid value of batch_size")]
    [InlineData("batch_size = 0", "not a valid value of batch_size")]
    [InlineData("batch_size = -5", "not a valid value of batch_size")]
    [InlineData("batch_size = abc", "'abc' is not a valid value of batch_size")]
    [InlineData("batch_size = 1.5", "not a valid value of batch_size")]
    [InlineData("batch_size = NaN", "not a valid value of batch_size")]
    [InlineData("batch_size = choice(10, 1e12)", "not a valid value of batch_size")]
    [InlineData("batch_size = uniform(1, 1e9)", "batch_size")]
    [InlineData("batch_size = 500", "batch_size can be up to 500, more than the 120 train_samples of the search")]
    [InlineData("epochs = 0", "not a valid value of epochs")]
    [InlineData("epochs = 1000000000", "not a valid value of epochs: a whole number from 1 to 100000")]
    [InlineData("epochs = -1", "not a valid value of epochs")]
    [InlineData("epochs = ten", "not a valid value of epochs")]
    [InlineData("hidden_size = 100000000", "not a valid value of hidden_size: a whole number from 1 to 4096")]
    [InlineData("depth = 1000000", "not a valid value of depth")]
    [InlineData("trials = 0", "trials must be from 1 to 1000000, got 0")]
    [InlineData("trials = 2000000000", "trials must be from 1 to 1000000")]
    [InlineData("trials = 99999999999", "trials must be a whole number, got '99999999999'")]
    [InlineData("trials = -3", "trials must be from 1 to 1000000")]
    [InlineData("trials = many", "trials must be a whole number")]
    [InlineData("round = 2147483647", "round must be from 0 to 1000000")]
    [InlineData("train_samples = 1000000", "the training set has 10000")]
    [InlineData("validation_fraction = 1e-9", "both need at least one")]
    public void A_hostile_spec_value_costs_one_line_and_exit_2_and_writes_nothing(string line, string expected)
    {
        string spec = Path.Combine(_directory, "hostile.spec");
        // Line 1 is a comment, so the hostile value is on line 2; the rest keeps the search tiny.
        var lines = new List<string> { "# hostile", line };
        foreach (string setting in new[] { "trials = 2", "train_samples = 120", "batch_size = 30", "epochs = 1", "hidden_size = 8", "depth = 1" })
        {
            if (!setting.StartsWith(line.Split('=')[0].Trim() + " ", StringComparison.Ordinal))
            {
                lines.Add(setting);
            }
        }

        File.WriteAllLines(spec, lines);
        string output = Path.Combine(_directory, "out");
        foreach (string[] extra in new[] { Array.Empty<string>(), ["--halving"], ["--trial", "0"] })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = CliApp.Run(["tune", "--spec", spec, "--out", output, .. extra], stdout, stderr);
            string error = stderr.ToString();
            Assert.True(code == CliApp.UsageError, $"exit {code}: {error}");
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, stdout.ToString());
            Assert.False(Directory.Exists(output), "the output folder was created");
        }

        Assert.Equal(["hostile.spec"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_or_folder_spec_is_a_usage_error()
    {
        var stderr = new StringWriter();
        Assert.Equal(CliApp.UsageError, CliApp.Run(["tune", "--spec", Path.Combine(_directory, "none.spec"), "--out", Path.Combine(_directory, "o")], new StringWriter(), stderr));
        Assert.Contains("none.spec' does not exist", stderr.ToString(), StringComparison.Ordinal);
        stderr = new StringWriter();
        Assert.Equal(CliApp.UsageError, CliApp.Run(["tune", "--spec", _directory, "--out", Path.Combine(_directory, "o")], new StringWriter(), stderr));
        Assert.Contains("is a folder", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
