using System.CommandLine;
using System.Globalization;
using NativeNet.Cli.Arguments;
using NativeNet.Cli.Tuning;
using NativeNet.Data;
using NativeNet.Datasets;
using NativeNet.Tuning;
using Spectre.Console;

namespace NativeNet.Cli.Commands;

/// <summary>
/// <c>nativenet tune</c>: random hyperparameter search (the book's by default) on local cores, one trial alone for
/// scale-out (<c>--trial I</c>), and <c>tune report DIR</c> to merge the result files of scaled-out trials.
/// Only the training files are ever read: the test set plays no part in choosing hyperparameters.
/// </summary>
internal static class TuneCommand
{
    /// <summary>How many of the best trials the table and the figure show.</summary>
    public const int ShownTrials = 20;

    /// <summary>The most trials one search may have (a million trials of even one epoch is a week of work).</summary>
    public const int MaxTrials = SearchSpec.MaxTrials;

    /// <summary>The most trials trained at once: one thread each, so more would only exhaust memory.</summary>
    public const int MaxParallel = 256;

    /// <summary>The checkpoints of unfinished trials in a round's folder.</summary>
    private const string CheckpointPattern = "trial-*.ckpt";

    /// <summary>The most rounds of search and narrowing.</summary>
    public const int MaxRounds = 100;

    /// <summary>Builds the command; output goes to the invocation's output writer.</summary>
    /// <param name="isTerminal">Whether that output is an interactive terminal (then a progress bar is drawn).</param>
    /// <param name="checkOnly">Stop after the checks, before the first trial (see <see cref="CliConsole.CheckOnly"/>).</param>
    /// <param name="trialWritten">Called after each trial result file is written (for tests).</param>
    /// <param name="stop">Stops a local search as Ctrl-C does (for tests; Ctrl-C and SIGTERM always do).</param>
    public static Command Create(bool isTerminal = false, bool checkOnly = false, Action<string>? trialWritten = null, CancellationToken stop = default)
    {
        var spec = new Option<string?>("--spec") { Description = "Spec file (key = value lines, see docs/tuning.md); default: the book's search." };
        var trials = NumberOptions.OptionalWholeNumber("--trials", "Number of trials (overrides the spec).", minimum: 1, maximum: MaxTrials);
        var parallel = NumberOptions.WholeNumber("--parallel", "Trials trained at once (default: the processor count).", Environment.ProcessorCount, minimum: 1, maximum: MaxParallel);
        var halving = new Option<bool>("--halving") { Description = "Successive halving: train all trials briefly, continue the best third, and so on." };
        var eta = NumberOptions.WholeNumber("--eta", "Successive halving keeps 1/eta of the trials per rung.", 3, minimum: 2, maximum: MaxTrials);
        var rounds = NumberOptions.WholeNumber("--rounds", "Rounds of search then narrowing.", 1, minimum: 1, maximum: MaxRounds);
        var keepBest = KeepBest();
        var trial = NumberOptions.OptionalWholeNumber("--trial", "Run only this trial index (0-based) and write its result file, for scale-out (for example $JOB_COMPLETION_INDEX).", minimum: 0, maximum: MaxTrials - 1);
        var output = new Option<string>("--out", "-o") { Description = "Folder for the result files, the figure and the next round's spec.", DefaultValueFactory = _ => "tune" };
        var data = new Option<string?>("--data") { Description = "Folder with the MNIST training files (train-images/labels IDX, raw or .gz); default: the bundled sample. Test files are never read." };

        var command = new Command("tune", "Random hyperparameter search on validation data (the book's by default): best trials, their curves and narrowed ranges.")
        {
            spec, trials, parallel, halving, eta, rounds, keepBest, trial, output, data,
        };
        command.SetAction(parseResult =>
        {
            // Checked here, not in a validator: validators also run when a value failed to parse, and reading it throws.
            if (parseResult.GetValue(trial) is not null && (parseResult.GetValue(halving) || parseResult.GetValue(rounds) > 1))
            {
                throw new CliUsageException("--trial runs one trial alone; it cannot be combined with --halving or --rounds.");
            }

            var writer = parseResult.InvocationConfiguration.Output;
            string directory = parseResult.GetValue(output)!;
            OutputPaths.CheckFolder("--out", directory);
            var searchSpec = LoadSpec(parseResult.GetValue(spec), parseResult.GetValue(trials));
            var tuningData = Prepare(searchSpec, LoadTrainingSet(parseResult.GetValue(data)));
            int? index = parseResult.GetValue(trial);
            if (index >= searchSpec.Trials)
            {
                throw new CliUsageException($"--trial {index}: the spec has {searchSpec.Trials} trials, indices 0 to {searchSpec.Trials - 1}.");
            }

            if (checkOnly)
            {
                return 0;
            }

            if (index is int one)
            {
                return RunOne(writer, searchSpec, tuningData, one, directory);
            }

            var options = new SearchOptions
            {
                MaxDegreeOfParallelism = parseResult.GetValue(parallel),
                Halving = parseResult.GetValue(halving) ? new SuccessiveHalvingOptions { Eta = parseResult.GetValue(eta) } : null,
            };
            return RunLocal(writer, parseResult.InvocationConfiguration.Error, isTerminal, searchSpec, tuningData, options, parseResult.GetValue(rounds), parseResult.GetValue(keepBest), directory, trialWritten, stop);
        });

        var reportDirectory = new Argument<string>("directory") { Description = "Folder of trial-*.json result files (from tune --trial or a local run)." };
        var reportKeepBest = KeepBest();
        var report = new Command("report", "Merge the result files of separately run trials and print the best trials and narrowed ranges.")
        {
            reportDirectory, reportKeepBest,
        };
        report.SetAction(parseResult =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            string directory = parseResult.GetValue(reportDirectory)!;
            if (!Directory.Exists(directory))
            {
                throw new CliUsageException($"tune report: folder '{directory}' does not exist; give the folder of trial-*.json files that 'nativenet tune --out' or 'nativenet tune --trial' wrote.");
            }

            // The figure and the next round's spec are written into the same folder.
            OutputPaths.CheckFolder("tune report", directory);
            var merged = TuningReport.Merge(directory);
            writer.WriteLine($"merged {merged.Trials.Count} of {merged.Spec.Trials} trials from {directory}, {merged.TotalEpochs} epochs trained");
            if (merged.MissingTrials.Count > 0)
            {
                writer.WriteLine($"missing trials: {Abbreviate(merged.MissingTrials)}");
            }

            Summarize(writer, merged, parseResult.GetValue(reportKeepBest), directory, directory);
            return 0;
        });
        command.Subcommands.Add(report);
        return command;
    }

    private static int RunOne(TextWriter writer, SearchSpec spec, TuningData data, int index, string directory)
    {
        var result = HyperparameterSearch.RunTrial(spec, data, index);
        string path = TrialResultFile.Write(directory, spec, result);
        writer.WriteLine(result.ToString());
        writer.WriteLine($"wrote {path}");
        return 0;
    }

    private static int RunLocal(
        TextWriter writer,
        TextWriter error,
        bool isTerminal,
        SearchSpec spec,
        TuningData data,
        SearchOptions options,
        int rounds,
        int keepBest,
        string directory,
        Action<string>? trialWritten,
        CancellationToken stop)
    {
        writer.WriteLine($"search: {spec.Trials} trials on {data.Train.Count} training and {data.Validation.Count} validation samples, {options.MaxDegreeOfParallelism} at a time");
        var current = spec;
        for (int r = 0; r < rounds; r++)
        {
            var roundSpec = current;
            string roundDirectory = RoundDirectory(directory, roundSpec);
            var finished = ReadFinished(directory, roundDirectory, roundSpec);
            int checkpoints = Directory.Exists(roundDirectory) ? Directory.GetFiles(roundDirectory, CheckpointPattern).Length : 0;
            writer.WriteLine();
            writer.WriteLine($"round {r + 1}/{rounds}: {Describe(roundSpec.Space)}");
            writer.WriteLine(finished.Count == 0 && checkpoints == 0
                ? $"results go to {roundDirectory}"
                : $"results go to {roundDirectory}, which holds {finished.Count} result files of the {roundSpec.Trials} trials and {checkpoints} checkpoints: finished trials are not run again, checkpointed ones continue");
            Directory.CreateDirectory(roundDirectory);

            // Each trial's file is written as the trial (or, with halving, its rung) ends, so an interrupted round keeps
            // its finished trials; trials still training save checkpoints there on Ctrl-C and continue on a rerun.
            var roundOptions = options with
            {
                Finished = finished,
                CheckpointDirectory = roundDirectory,
                TrialFinished = result =>
                {
                    string path = TrialResultFile.Write(roundDirectory, roundSpec, result);
                    trialWritten?.Invoke(path);
                },
            };
            TuningReport report;
            using (var signal = new StopSignal(writer, [], roundDirectory))
            using (var both = CancellationTokenSource.CreateLinkedTokenSource(signal.Token, stop))
            {
                try
                {
                    report = WithProgress(writer, isTerminal, $"round {r + 1}/{rounds}", progress => HyperparameterSearch.Run(roundSpec, data, roundOptions, progress, both.Token));
                }
                catch (Exception e) when (both.IsCancellationRequested && IsCancellation(e))
                {
                    int kept = TrialResultFile.FindAll(roundDirectory).Count;
                    int saved = Directory.GetFiles(roundDirectory, CheckpointPattern).Length;
                    error.WriteLine($"interrupted: {roundDirectory} keeps {kept} trial result files and {saved} checkpoints of unfinished trials; run the same command again (same --spec and --out) to continue");
                    return CliApp.Interrupted;
                }
            }

            writer.WriteLine(EpochSummary(report, options));
            current = Summarize(writer, report, keepBest, roundDirectory, directory);
        }

        return 0;
    }

    /// <summary>The search's cancellation, alone or as all that its parallel loop collected (any other error is reported as such).</summary>
    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsCancellation));

    /// <summary>
    /// The folder of a round's results: <c>round-1</c> for a spec of round 0, <c>round-2</c> for the next-spec.txt it
    /// writes, and so on, so that running the suggested next command never overwrites an earlier round.
    /// </summary>
    internal static string RoundDirectory(string directory, SearchSpec spec) => Path.Combine(directory, $"round-{spec.Round + 1}");

    /// <summary>The trials of <paramref name="spec"/> that already have result files in the round's folder (an interrupted run).</summary>
    private static List<TrialResult> ReadFinished(string directory, string roundDirectory, SearchSpec spec)
    {
        var finished = new List<TrialResult>();
        string expected = spec.ToText();
        foreach (string path in TrialResultFile.FindAll(roundDirectory))
        {
            var (fileSpec, result) = TrialResultFile.Read(path);
            if (fileSpec.ToText() != expected)
            {
                throw new CliUsageException($"--out '{directory}': {roundDirectory} holds the trials of another spec ({Path.GetFileName(path)}); give another --out, or remove that folder to start again.");
            }

            finished.Add(result);
        }

        return finished;
    }

    /// <summary>Prints the table of the best trials and the narrowed ranges, writes the figure and the next round's spec.</summary>
    private static SearchSpec Summarize(TextWriter writer, TuningReport report, int keepBest, string directory, string outDirectory)
    {
        foreach (string line in report.FormatBest(ShownTrials))
        {
            writer.WriteLine(line);
        }

        Directory.CreateDirectory(directory);
        string figure = Path.Combine(directory, "best-curves.svg");
        TuningCharts.BestCurves(report, ShownTrials).Save(figure);
        writer.WriteLine($"wrote {figure}");

        var next = report.NextRound(Math.Min(keepBest, report.Trials.Count));
        writer.WriteLine($"narrowed ranges (best {Math.Min(keepBest, report.Trials.Count)}):");
        foreach (var parameter in report.Spec.Space.Searched)
        {
            writer.WriteLine($"  {parameter.Name} = {next.Space[parameter].ToSpecText()}");
        }

        string nextPath = Path.Combine(directory, "next-spec.txt");
        next.Save(nextPath);
        writer.WriteLine($"wrote {nextPath}");
        writer.WriteLine($"next round: nativenet tune --spec {nextPath} --out {outDirectory}  (writes {RoundDirectory(outDirectory, next)})");
        return next;
    }

    private static string EpochSummary(TuningReport report, SearchOptions options)
    {
        long full = 0;
        for (int i = 0; i < report.Spec.Trials; i++)
        {
            full += report.Spec.Sample(i).Epochs;
        }

        string trained = string.Create(CultureInfo.InvariantCulture, $"{report.TotalEpochs} epochs trained ({100.0 * report.TotalEpochs / full:F1}% of a full search's {full})");
        if (options.Halving is null)
        {
            return trained;
        }

        var rungs = options.Halving.Rungs(report.Spec.MaxEpochs);
        return $"successive halving, eta {options.Halving.Eta}, rungs at {string.Join('/', rungs)} epochs: {trained}";
    }

    private static TuningReport WithProgress(TextWriter writer, bool isTerminal, string description, Func<IProgress<TuningProgress>?, TuningReport> run)
    {
        if (!isTerminal)
        {
            return run(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1.0);
                var report = run(new CallbackProgress(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = Markup.Escape($"{description}: {p.TrialsFinished}/{p.Trials} trials, {p.Stage}");
                }));
                task.Value = 1.0;
                return report;
            });
    }

    /// <summary>The spec, checked in full before any work: a bad value in the file is a usage error naming its line.</summary>
    private static SearchSpec LoadSpec(string? path, int? trials)
    {
        if (path is not null && Directory.Exists(path))
        {
            throw new CliUsageException($"--spec '{path}' is a folder; give a spec file (key = value lines, see docs/tuning.md).");
        }

        if (path is not null && !File.Exists(path))
        {
            throw new CliUsageException($"--spec '{path}' does not exist.");
        }

        try
        {
            var spec = path is null ? SearchSpec.Default : SearchSpec.Load(path);
            spec = trials is int count ? spec with { Trials = count } : spec;
            spec.Validate();
            return spec;
        }
        catch (InvalidFileFormatException e)
        {
            throw new CliUsageException(e.Message);
        }
        catch (ArgumentException e)
        {
            // Validate() of the spec as --trials changed it.
            throw new CliUsageException($"--spec '{path ?? "(the book's search)"}': {CliApp.Describe(e)}");
        }
    }

    /// <summary>The spec's samples of the training set, or a usage error when the set cannot give them.</summary>
    private static TuningData Prepare(SearchSpec spec, LabeledDataset<float> trainingSet)
    {
        try
        {
            return TuningData.Prepare(spec, trainingSet);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--spec: {CliApp.Describe(e)}");
        }
    }

    /// <summary>The training images and labels only, from a folder or the bundled sample; test files are not opened.</summary>
    internal static LabeledDataset<float> LoadTrainingSet(string? directory)
    {
        if (directory is null)
        {
            using var images = BundledMnist.Open(BundledMnist.FileNames[0]);
            using var labels = BundledMnist.Open(BundledMnist.FileNames[1]);
            return MnistLoader.LoadSet<float>(images, labels, imagesName: BundledMnist.FileNames[0], labelsName: BundledMnist.FileNames[1]);
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Data folder '{directory}' does not exist.");
        }

        return MnistLoader.LoadSet<float>(MnistLoader.FindFile(directory, MnistFileNames.TrainImages), MnistLoader.FindFile(directory, MnistFileNames.TrainLabels));
    }

    private static string Describe(SearchSpace space)
    {
        var searched = space.Searched;
        return searched.Count == 0 ? "nothing searched (every parameter fixed)" : string.Join(", ", searched.Select(p => $"{p.Name} = {space[p].ToSpecText()}"));
    }

    private static string Abbreviate(IReadOnlyList<int> indices) =>
        indices.Count <= 20 ? string.Join(", ", indices) : string.Join(", ", indices.Take(20)) + $", … ({indices.Count} in all)";

    private static Option<int> KeepBest() =>
        NumberOptions.WholeNumber("--keep-best", "How many of the best trials set the narrowed ranges.", 10, minimum: 1);

    /// <summary>Calls its handler on the reporting thread (the search already serialises its reports).</summary>
    private sealed class CallbackProgress(Action<TuningProgress> handler) : IProgress<TuningProgress>
    {
        public void Report(TuningProgress value) => handler(value);
    }
}
