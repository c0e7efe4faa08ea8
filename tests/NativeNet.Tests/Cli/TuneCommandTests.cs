using System.CommandLine;
using NativeNet.Cli.Commands;
using NativeNet.Datasets;
using NativeNet.Tests.Tuning;
using NativeNet.Tuning;

namespace NativeNet.Tests.Cli;

/// <summary>
/// <c>nativenet tune</c>, run by building its command directly (the root command registers it). A tiny spec on
/// 120 bundled training images keeps each run under a second.
/// </summary>
public sealed class TuneCommandTests : IDisposable
{
    private const string TinySpec = """
        seed = 2
        trials = 5
        train_samples = 120
        validation_fraction = 0.25
        lr = loguniform(1e-3, 0.5)
        weight_decay = loguniform(1e-8, 1e-4)
        hidden_size = 16
        depth = 1
        batch_size = 30
        epochs = 3
        """;

    private readonly string _directory = TuningTestSupport.NewDirectory();

    public void Dispose() => TuningTestSupport.DeleteDirectory(_directory);

    private string SpecFile()
    {
        string path = Path.Combine(_directory, "tiny.spec");
        File.WriteAllText(path, TinySpec);
        return path;
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(isTerminal: false, args);

    private static (int ExitCode, string Output, string Error) Run(bool isTerminal, params string[] args) => Run(TuneCommand.Create(isTerminal), args);

    private static (int ExitCode, string Output, string Error) Run(Command tune, params string[] args)
    {
        var root = new RootCommand { tune };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        int code = parse.Errors.Count > 0
            ? 2
            : parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        foreach (var e in parse.Errors)
        {
            error.WriteLine(e.Message);
        }

        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_local_search_prints_the_table_writes_the_files_and_the_figure_and_narrows()
    {
        string results = Path.Combine(_directory, "out", "round-1");
        var (code, output, error) = Run("tune", "--spec", SpecFile(), "--parallel", "2", "--out", Path.Combine(_directory, "out"));
        Assert.True(code == 0, error);
        Assert.Contains("search: 5 trials on 90 training and 30 validation samples", output, StringComparison.Ordinal);
        Assert.Matches(@"Best-1 \(val acc: [0-9.]+\) \| lr: [0-9.e-]+, weight decay: [0-9.e-]+", output);
        Assert.Contains("Best-5 (val acc:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Best-6", output, StringComparison.Ordinal);
        Assert.Contains("15 epochs trained (100.0% of a full search's 15)", output, StringComparison.Ordinal);
        Assert.Matches(@"narrowed ranges \(best 5\):\n  lr = loguniform\(", output.ReplaceLineEndings("\n"));
        Assert.Equal(5, Directory.GetFiles(results, TrialResultFile.SearchPattern).Length);
        string svg = File.ReadAllText(Path.Combine(results, "best-curves.svg"));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Best-5", svg, StringComparison.Ordinal);
        var next = SearchSpec.Load(Path.Combine(results, "next-spec.txt"));
        Assert.Equal(1, next.Round);

        // The report command merges those files into the same table.
        var (reportCode, reportOutput, _) = Run("tune", "report", results);
        Assert.Equal(0, reportCode);
        Assert.Equal(Table(output), Table(reportOutput));
        Assert.Contains("merged 5 of 5 trials", reportOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_progress_bar_path_runs_and_still_prints_the_table()
    {
        var (code, output, error) = Run(isTerminal: true, "tune", "--spec", SpecFile(), "--trials", "2", "--out", Path.Combine(_directory, "bar"));
        Assert.True(code == 0, error);
        Assert.Contains("Best-2 (val acc:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_run_alone_with_trial_and_merge_like_a_local_run()
    {
        string local = Path.Combine(_directory, "local");
        string workers = Path.Combine(_directory, "workers");
        string spec = SpecFile();
        Assert.Equal(0, Run("tune", "--spec", spec, "--out", local, "--parallel", "1").ExitCode);
        for (int i = 4; i >= 0; i--)
        {
            var (code, output, error) = Run("tune", "--spec", spec, "--trial", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", workers);
            Assert.True(code == 0, error);
            Assert.Contains($"trial {i}: val acc", output, StringComparison.Ordinal);
        }

        local = Path.Combine(local, "round-1");
        TuningTestSupport.AssertSameReport(TuningReport.Merge(local), TuningReport.Merge(workers));
        Assert.Equal(Table(Run("tune", "report", local).Output), Table(Run("tune", "report", workers).Output));
    }

    [Fact]
    public void The_suggested_next_round_writes_a_new_folder_and_leaves_the_first_as_it_was()
    {
        string results = Path.Combine(_directory, "rounds");
        var first = Run("tune", "--spec", SpecFile(), "--out", results);
        Assert.True(first.ExitCode == 0, first.Error);
        string roundOne = Path.Combine(results, "round-1");
        var before = Snapshot(roundOne);
        string nextSpec = Path.Combine(roundOne, "next-spec.txt");
        Assert.Contains($"next round: nativenet tune --spec {nextSpec} --out {results}  (writes {Path.Combine(results, "round-2")})", first.Output, StringComparison.Ordinal);

        var second = Run("tune", "--spec", nextSpec, "--out", results);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(before, Snapshot(roundOne));
        Assert.Equal(5, Directory.GetFiles(Path.Combine(results, "round-2"), TrialResultFile.SearchPattern).Length);
        Assert.Equal(1, TuningReport.Merge(Path.Combine(results, "round-2")).Spec.Round);
    }

    [Fact]
    public void A_rerun_skips_the_trials_that_finished_and_gives_the_same_report()
    {
        string results = Path.Combine(_directory, "resume");
        string roundOne = Path.Combine(results, "round-1");
        var complete = Run("tune", "--spec", SpecFile(), "--out", results);
        Assert.True(complete.ExitCode == 0, complete.Error);
        var kept = Snapshot(roundOne).Where(f => f.Key.StartsWith("trial-0000", StringComparison.Ordinal)).ToDictionary();

        // As after Ctrl-C during trials 3 and 4: their files were never written.
        File.Delete(Path.Combine(roundOne, TrialResultFile.FileName(3)));
        File.Delete(Path.Combine(roundOne, TrialResultFile.FileName(4)));
        var rerun = Run("tune", "--spec", SpecFile(), "--out", results);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains("which holds 3 result files of the 5 trials and 0 checkpoints", rerun.Output, StringComparison.Ordinal);
        Assert.Equal(kept, Snapshot(roundOne).Where(f => kept.ContainsKey(f.Key)).ToDictionary());
        Assert.Equal(Table(complete.Output), Table(rerun.Output));
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 4)]
    public void Ctrl_C_keeps_the_finished_trials_and_checkpoints_and_a_rerun_ends_as_an_uninterrupted_run(bool halving, int written)
    {
        string[] extra = halving ? ["--halving", "--trials", "9"] : [];
        string uninterrupted = Path.Combine(_directory, "whole");
        var complete = Run(["tune", "--spec", SpecFile(), "--parallel", "1", "--out", uninterrupted, .. extra]);
        Assert.True(complete.ExitCode == 0, complete.Error);

        // As Ctrl-C after the k-th result file: the command stops the search, which checkpoints the unfinished trials.
        string results = Path.Combine(_directory, "stopped");
        string round = Path.Combine(results, "round-1");
        using var stop = new CancellationTokenSource();
        int count = 0;
        var tune = TuneCommand.Create(trialWritten: _ => { if (++count == written) stop.Cancel(); }, stop: stop.Token);
        var interrupted = Run(tune, ["tune", "--spec", SpecFile(), "--parallel", "1", "--out", results, .. extra]);
        Assert.Equal(NativeNet.Cli.CliApp.Interrupted, interrupted.ExitCode);
        Assert.Equal(written, Directory.GetFiles(round, TrialResultFile.SearchPattern).Length);
        int checkpoints = Directory.GetFiles(round, "trial-*.ckpt").Length;
        Assert.Equal(halving ? written : 0, checkpoints);
        Assert.Equal($"interrupted: {round} keeps {written} trial result files and {checkpoints} checkpoints of unfinished trials; run the same command again (same --spec and --out) to continue", interrupted.Error.Trim());
        Assert.DoesNotContain("Best-1", interrupted.Output, StringComparison.Ordinal);

        var rerun = Run(["tune", "--spec", SpecFile(), "--parallel", "1", "--out", results, .. extra]);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Contains($"which holds {written} result files", rerun.Output, StringComparison.Ordinal);
        Assert.Equal(Table(complete.Output), Table(rerun.Output));
        Assert.Empty(Directory.GetFiles(round, "trial-*.ckpt"));
        var expected = Snapshot(Path.Combine(uninterrupted, "round-1"));
        Assert.Equal(expected.Where(f => f.Key.StartsWith("trial-", StringComparison.Ordinal)).OrderBy(f => f.Key), Snapshot(round).Where(f => f.Key.StartsWith("trial-", StringComparison.Ordinal)).OrderBy(f => f.Key));
    }

    [Fact]
    public void A_round_folder_of_another_spec_is_refused_before_training()
    {
        string results = Path.Combine(_directory, "other");
        Assert.Equal(0, Run("tune", "--spec", SpecFile(), "--out", results).ExitCode);
        var e = Assert.Throws<NativeNet.Cli.CliUsageException>(() => Run("tune", "--spec", SpecFile(), "--trials", "4", "--out", results));
        Assert.Contains("holds the trials of another spec", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_files_of_the_old_text_format_are_named_in_the_error_of_report_and_of_a_rerun()
    {
        string results = Path.Combine(_directory, "old");
        string round = Path.Combine(results, "round-1");
        Directory.CreateDirectory(round);
        File.WriteAllText(Path.Combine(round, "trial-00000.txt"), "# nativenet tuning trial result\n[spec]\n");

        var report = Assert.Throws<InvalidFileFormatException>(() => Run("tune", "report", round));
        Assert.Contains("old text format (trial-*.txt", report.Message, StringComparison.Ordinal);
        var rerun = Assert.Throws<InvalidFileFormatException>(() => Run("tune", "--spec", SpecFile(), "--out", results));
        Assert.Contains("old text format (trial-*.txt", rerun.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(round));
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    [Fact]
    public void Halving_and_rounds_run_and_report_their_epochs()
    {
        string results = Path.Combine(_directory, "rounds");
        var (code, output, error) = Run("tune", "--spec", SpecFile(), "--trials", "9", "--halving", "--rounds", "2", "--keep-best", "3", "--out", results);
        Assert.True(code == 0, error);
        Assert.Contains("successive halving, eta 3, rungs at 1/3 epochs: 15 epochs trained (55.6% of a full search's 27)", output, StringComparison.Ordinal);
        Assert.Contains("round 2/2: lr = loguniform(", output, StringComparison.Ordinal);
        Assert.Equal(9, Directory.GetFiles(Path.Combine(results, "round-1"), TrialResultFile.SearchPattern).Length);
        Assert.Equal(1, TuningReport.Merge(Path.Combine(results, "round-2")).Spec.Round);
    }

    [Fact]
    public void Only_the_training_files_are_read()
    {
        // A data folder whose test files are garbage: tune never opens them (train would fail on them).
        string data = Path.Combine(_directory, "mnist");
        Directory.CreateDirectory(data);
        foreach (string name in BundledMnist.FileNames.Take(2))
        {
            using var source = BundledMnist.Open(name);
            using var target = File.Create(Path.Combine(data, name));
            source.CopyTo(target);
        }

        File.WriteAllText(Path.Combine(data, "t10k-images-idx3-ubyte"), "not an idx file");
        File.WriteAllText(Path.Combine(data, "t10k-labels-idx1-ubyte"), "not an idx file");
        var (code, output, error) = Run("tune", "--spec", SpecFile(), "--data", data, "--trial", "0", "--out", Path.Combine(_directory, "r"));
        Assert.True(code == 0, error);
        Assert.Contains("trial 0: val acc", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_and_files_fail_clearly()
    {
        Assert.Throws<NativeNet.Cli.CliUsageException>(() => Run("tune", "--trial", "0", "--halving"));
        Assert.Equal(2, Run("tune", "--parallel", "0").ExitCode);
        Assert.Equal(2, Run("tune", "--trial", "-1").ExitCode);

        string bad = Path.Combine(_directory, "bad.spec");
        File.WriteAllText(bad, "trials = 3\nlr = loguniform(1e-2, 1e-6)\n");
        var e = Assert.Throws<NativeNet.Cli.CliUsageException>(() => Run("tune", "--spec", bad));
        Assert.Contains("bad.spec line 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<NativeNet.Cli.CliUsageException>(() => Run("tune", "--spec", SpecFile(), "--trial", "5", "--out", _directory));
        Assert.Throws<InvalidFileFormatException>(() => Run("tune", "report", _directory));
    }

    private static string[] Table(string output) =>
        [.. output.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("Best-", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal))];
}
