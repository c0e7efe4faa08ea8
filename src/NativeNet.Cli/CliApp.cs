using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using NativeNet.Cli.Arguments;
using NativeNet.Cli.Commands;
using NativeNet.Kernels;

namespace NativeNet.Cli;

/// <summary>
/// The <c>nativenet</c> command tree and its error policy, runnable in-process: output and errors go to
/// the given writers, and the exit code is returned instead of ending the process.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code of a command that ran to the end.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a command that failed: a missing or corrupt file, a shape mismatch, a diverged run.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for arguments that do not parse or make no sense together.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Exit code of a <c>train</c> run stopped by Ctrl-C or SIGTERM after writing a checkpoint (sysexits'
    /// EX_TEMPFAIL: run again, with <c>--resume</c>). A second signal ends the process at once with 130.
    /// </summary>
    public const int Interrupted = 75;

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command. Errors are reported as one line on
    /// <paramref name="error"/> (never a stack trace): bad arguments return <see cref="UsageError"/>;
    /// missing or corrupt files, shape mismatches and invalid values return <see cref="Failure"/>.
    /// </summary>
    /// <param name="args">The arguments after the program name, for example <c>["train", "--epochs", "5"]</c>.</param>
    /// <param name="output">Receives the command's output (tables, accuracies, help).</param>
    /// <param name="error">Receives error messages.</param>
    /// <param name="isTerminal">Whether <paramref name="output"/> is an interactive terminal; only then are progress bars and colours drawn.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, bool isTerminal = false) =>
        Execute(args, new CliConsole(output, error, isTerminal));

    /// <summary>Parses and runs against <paramref name="console"/>; the one place where errors become exit codes.</summary>
    internal static int Execute(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var error = console.Error;
        var verbose = false;
        try
        {
            var root = BuildRoot(console);
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction)
            {
                var name = CommandPath(parseResult.CommandResult);
                var message = parseResult.Errors.Count > 0 ? parseResult.Errors[0].Message : "Invalid arguments.";
                error.WriteLine($"error: {OneLine(message)} (see '{name} --help')");
                return UsageError;
            }

            // --help wins over parse errors, and a value with an error throws when read: read only clean results.
            bool clean = parseResult.Errors.Count == 0;
            verbose = clean && parseResult.GetValue<bool>(VerboseName);
            int savedThreads = Gemm.MaxDegreeOfParallelism;
            try
            {
                // Check-only runs do no work, so they leave the process-wide setting alone.
                if (clean && !console.CheckOnly && parseResult.GetValue<int?>(ThreadsName) is int threads)
                    Gemm.MaxDegreeOfParallelism = threads;
                return parseResult.Invoke(new InvocationConfiguration
                {
                    Output = console.Out,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                });
            }
            finally
            {
                // Restored for in-process callers (tests); a process ends here anyway.
                Gemm.MaxDegreeOfParallelism = savedThreads;
            }
        }
        catch (Exception e)
        {
            return Report(Unwrap(e), error, verbose);
        }
    }

    /// <summary>
    /// <c>--verbose</c>, on every command: an error's stack trace is printed after its one-line message.
    /// </summary>
    private static Option<bool> CreateVerbose() => new(VerboseName)
    {
        Description = "On an error, also print its stack trace (for a bug report).",
        Recursive = true,
    };

    private const string VerboseName = "--verbose";

    /// <summary>The most GEMM threads <c>--threads</c> accepts; the kernel uses at most 64 anyway.</summary>
    private const int MaxThreads = 64;

    private const string ThreadsName = "--threads";

    /// <summary>
    /// <c>--threads N</c>, on every command: the threads one matrix product may use
    /// (<see cref="Gemm.MaxDegreeOfParallelism"/>; default the processor count). Results do not depend on it.
    /// </summary>
    private static Option<int?> CreateThreads()
    {
        var option = NumberOptions.OptionalWholeNumber(ThreadsName, "Threads one matrix product may use (default: the processor count; 1 = no threading). Results are the same for any value.", minimum: 1, maximum: MaxThreads);
        option.Recursive = true;
        return option;
    }

    /// <summary>The root command with every subcommand, writing to <paramref name="console"/>.</summary>
    internal static Command BuildRoot(CliConsole console)
    {
        // A plain command named "nativenet" rather than RootCommand, whose name would be the assembly's (NativeNet.Cli).
        var root = new Command("nativenet", "nativenet: train, evaluate and explore fully connected networks on MNIST (Deep Learning from Scratch, ch. 4 and 6).")
        {
            new HelpOption(),
            new VersionOption(),
            CreateVerbose(),
            CreateThreads(),
        };
        root.SetAction(parseResult =>
        {
            // No command: show what there is, and fail so scripts notice.
            new HelpAction().Invoke(parseResult);
            return UsageError;
        });
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(EvalCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(ExperimentCommand.Create(console));
        root.Subcommands.Add(TuneCommand.Create(console.IsTerminal, console.CheckOnly));
        root.Subcommands.Add(InfoCommand.Create(console));
        return root;
    }

    /// <summary>The words that invoke a command, such as <c>nativenet tune report</c>, for "see ... --help".</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult command; r = command.Parent)
            names.Add(command.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The exception's message on one line, without the "(Parameter 'x')" suffix .NET appends.</summary>
    internal static string Describe(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } param })
            message = message.Replace($" (Parameter '{param}')", string.Empty, StringComparison.Ordinal);
        return OneLine(message);
    }

    /// <summary>Writes one line for <paramref name="e"/> (and its trace when <paramref name="verbose"/>) and returns the exit code.</summary>
    private static int Report(Exception e, TextWriter error, bool verbose)
    {
        var (code, line) = e switch
        {
            CliUsageException => (UsageError, OneLine(e.Message)),
            CliFailureException => (Failure, OneLine(e.Message)),
            ArgumentException or IOException or UnauthorizedAccessException or OperationCanceledException or FormatException => (Failure, Describe(e)),
            OutOfMemoryException => (Failure, "out of memory: the arguments ask for more than this machine has (try a smaller --batch, --hidden or --parallel)"),
            // Last resort: a bug, not a user error. One line here; the trace only on request.
            _ => (Failure, $"unexpected {e.GetType().Name}: {Describe(e)} (run again with --verbose for the details)"),
        };
        error.WriteLine("error: " + line);
        if (verbose)
            error.WriteLine(e.ToString());
        return code;
    }

    /// <summary>The single inner exception of an <see cref="AggregateException"/> (parallel trials), else <paramref name="e"/>.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            e = aggregate.InnerExceptions[0];
        return e;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
