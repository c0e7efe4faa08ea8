using System.CommandLine;
using NativeNet.Cli.Arguments;
using NativeNet.Cli.Experiments;
using NativeNet.Cli.Rendering;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet experiment NAME</c>: reproduces one experiment of the book (or <c>all</c>), printing its table and writing SVG + CSV.</summary>
internal static class ExperimentCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("name")
        {
            Description = "The experiment: " + string.Join(", ", ExperimentCatalog.Names) + ", or all.",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory for the SVG figures and CSV data.",
            DefaultValueFactory = _ => "experiments",
        };
        var quick = new Option<bool>("--quick", "-q")
        {
            Description = "Shorter runs (fewer iterations, epochs or samples) that still show the finding.",
        };
        var seed = NumberOptions.WholeNumber("--seed", "Seed of data subsets, weight initialisation and batch sampling.", 0, int.MinValue);

        var command = new Command("experiment", "Reproduce an experiment of Deep Learning from Scratch (ch. 4 and 6): print its numbers, write its figure (SVG) and data (CSV).")
        {
            name,
            output,
            quick,
            seed,
        };
        command.SetAction(parseResult =>
        {
            var requested = parseResult.GetValue(name)!;
            IReadOnlyList<ExperimentDefinition> experiments = string.Equals(requested, "all", StringComparison.OrdinalIgnoreCase)
                ? ExperimentCatalog.All
                : [ExperimentCatalog.Find(requested) ?? throw new CliUsageException(
                    $"Unknown experiment '{requested}'. Known experiments: {string.Join(", ", ExperimentCatalog.Names)}, all.")];
            var directory = parseResult.GetValue(output)!;
            OutputPaths.CheckFolder("--out", directory);
            if (console.CheckOnly)
                return CliApp.Success;
            var settings = new ExperimentSettings { Quick = parseResult.GetValue(quick), Seed = parseResult.GetValue(seed) };
            foreach (var experiment in experiments)
            {
                console.WriteLine($"== {experiment.Name}: {experiment.Description}{(settings.Quick ? " (quick)" : string.Empty)}");
                var result = ProgressRunner.Run(console, experiment.Name, report =>
                    experiment.Run(settings with { Progress = new SyncProgress<ExperimentProgress>(p => report(p.Fraction, $"{experiment.Name}: {p.Stage}")) }));
                ExperimentRenderer.Write(console, result, directory);
                console.WriteLine();
            }

            return CliApp.Success;
        });
        return command;
    }
}
