using System.CommandLine;
using System.Globalization;
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

    /// <summary>Builds the command; output goes to the invocation's output writer.</summary>
    /// <param name="isTerminal">Whether that output is an interactive terminal (then a progress bar is drawn).</param>
    public static Command Create(bool isTerminal = false)
    {
        var spec = new Option<string?>("--spec") { Description = "Spec file (key = value lines, see docs/tuning.md); default: the book's search." };
        var trials = new Option<int?>("--trials") { Description = "Number of trials (overrides the spec)." };
        var parallel = new Option<int>("--parallel") { Description = "Trials trained at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var halving = new Option<bool>("--halving") { Description = "Successive halving: train all trials briefly, continue the best third, and so on." };
        var eta = new Option<int>("--eta") { Description = "Successive halving keeps 1/eta of the trials per rung.", DefaultValueFactory = _ => 3 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of search then narrowing.", DefaultValueFactory = _ => 1 };
        var keepBest = new Option<int>("--keep-best") { Description = "How many of the best trials set the narrowed ranges.", DefaultValueFactory = _ => 10 };
        var trial = new Option<int?>("--trial") { Description = "Run only this trial index (0-based) and write its result file, for scale-out (for example $JOB_COMPLETION_INDEX)." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the result files, the figure and the next round's spec.", DefaultValueFactory = _ => "tune" };
        var data = new Option<string?>("--data") { Description = "Folder with the MNIST training files (train-images/labels IDX, raw or .gz); default: the bundled sample. Test files are never read." };
        AtLeast(trials, 1);
        AtLeast(parallel, 1);
        AtLeast(eta, 2);
        AtLeast(rounds, 1);
        AtLeast(keepBest, 1);
        AtLeast(trial, 0);

        var command = new Command("tune", "Random hyperparameter search on validation data (the book's by default): best trials, their curves and narrowed ranges.")
        {
            spec, trials, parallel, halving, eta, rounds, keepBest, trial, output, data,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(trial) is not null && (result.GetValue(halving) || result.GetValue(rounds) > 1))
            {
                result.AddError("--trial runs one trial alone; it cannot be combined with --halving or --rounds.");
            }
        });
        command.SetAction(parseResult =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            var searchSpec = LoadSpec(parseResult.GetValue(spec), parseResult.GetValue(trials));
            string directory = parseResult.GetValue(output)!;
            var trainingSet = LoadTrainingSet(parseResult.GetValue(data));
            if (parseResult.GetValue(trial) is int index)
            {
                return RunOne(writer, searchSpec, trainingSet, index, directory);
            }

            var options = new SearchOptions
            {
                MaxDegreeOfParallelism = parseResult.GetValue(parallel),
                Halving = parseResult.GetValue(halving) ? new SuccessiveHalvingOptions { Eta = parseResult.GetValue(eta) } : null,
            };
            return RunLocal(writer, isTerminal, searchSpec, trainingSet, options, parseResult.GetValue(rounds), parseResult.GetValue(keepBest), directory);
        });

        var reportDirectory = new Argument<string>("directory") { Description = "Folder of trial-*.txt result files (from tune --trial or a local run)." };
        var reportKeepBest = new Option<int>("--keep-best") { Description = "How many of the best trials set the narrowed ranges.", DefaultValueFactory = _ => 10 };
        AtLeast(reportKeepBest, 1);
        var report = new Command("report", "Merge the result files of separately run trials and print the best trials and narrowed ranges.")
        {
            reportDirectory, reportKeepBest,
        };
        report.SetAction(parseResult =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            string directory = parseResult.GetValue(reportDirectory)!;
            var merged = TuningReport.Merge(directory);
            writer.WriteLine($"merged {merged.Trials.Count} of {merged.Spec.Trials} trials from {directory}, {merged.TotalEpochs} epochs trained");
            if (merged.MissingTrials.Count > 0)
            {
                writer.WriteLine($"missing trials: {Abbreviate(merged.MissingTrials)}");
            }

            Summarize(writer, merged, parseResult.GetValue(reportKeepBest), directory);
            return 0;
        });
        command.Subcommands.Add(report);
        return command;
    }

    private static int RunOne(TextWriter writer, SearchSpec spec, LabeledDataset<float> trainingSet, int index, string directory)
    {
        if (index >= spec.Trials)
        {
            throw new ArgumentException($"--trial {index}: the spec has {spec.Trials} trials, indices 0 to {spec.Trials - 1}.");
        }

        var result = HyperparameterSearch.RunTrial(spec, trainingSet, index);
        string path = TrialResultFile.Write(directory, spec, result);
        writer.WriteLine(result.ToString());
        writer.WriteLine($"wrote {path}");
        return 0;
    }

    private static int RunLocal(TextWriter writer, bool isTerminal, SearchSpec spec, LabeledDataset<float> trainingSet, SearchOptions options, int rounds, int keepBest, string directory)
    {
        var data = TuningData.Prepare(spec, trainingSet);
        writer.WriteLine($"search: {spec.Trials} trials on {data.Train.Count} training and {data.Validation.Count} validation samples, {options.MaxDegreeOfParallelism} at a time");
        var current = spec;
        for (int r = 0; r < rounds; r++)
        {
            string roundDirectory = rounds > 1 ? Path.Combine(directory, $"round-{r + 1}") : directory;
            writer.WriteLine();
            writer.WriteLine($"round {r + 1}/{rounds}: {Describe(current.Space)}");
            var report = WithProgress(writer, isTerminal, $"round {r + 1}/{rounds}", progress => HyperparameterSearch.Run(current, data, options, progress));
            report.WriteTrialFiles(roundDirectory);
            writer.WriteLine(EpochSummary(report, options));
            current = Summarize(writer, report, keepBest, roundDirectory);
        }

        return 0;
    }

    /// <summary>Prints the table of the best trials and the narrowed ranges, writes the figure and the next round's spec.</summary>
    private static SearchSpec Summarize(TextWriter writer, TuningReport report, int keepBest, string directory)
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
        writer.WriteLine($"wrote {nextPath} (run it with: nativenet tune --spec {nextPath})");
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

    private static SearchSpec LoadSpec(string? path, int? trials)
    {
        var spec = path is null ? SearchSpec.Default : SearchSpec.Load(path);
        return trials is int count ? spec with { Trials = count } : spec;
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

    private static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{option.Name} must be at least {minimum}.");
        }
    });

    private static void AtLeast(Option<int?> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int?>() is int value && value < minimum)
        {
            result.AddError($"{option.Name} must be at least {minimum}.");
        }
    });

    /// <summary>Calls its handler on the reporting thread (the search already serialises its reports).</summary>
    private sealed class CallbackProgress(Action<TuningProgress> handler) : IProgress<TuningProgress>
    {
        public void Report(TuningProgress value) => handler(value);
    }
}
