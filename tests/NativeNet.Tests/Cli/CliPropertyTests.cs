using System.CommandLine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Cli;
using NativeNet.Cli.Input;
using NativeNet.IO;
using NativeNet.Networks;
using NativeNet.Serialization;
using NativeNet.Tests.Reliability;

namespace NativeNet.Tests.Cli;

/// <summary>
/// Argument vectors generated from the real command definitions (every option and argument of every command,
/// with hostile values and paths) never end in an unhandled exception, exit with 0, 1 or 2, say at most one
/// line on standard error, and leave no temporary file. Train, tune, experiment and serve run in check-only mode
/// (they stop where their work would start; serve would otherwise listen until stopped), so each case takes
/// milliseconds; the other commands run to the end.
/// </summary>
public sealed class CliPropertyTests : IDisposable
{
    /// <summary>Values that are not what an option wants, or only just: every kind of broken number, and names.</summary>
    private static readonly string[] _hostileValues =
    [
        "", " ", "abc", "1.5", "-1", "0", "-0", "1e3", "0x10", " 5", "99999999999", "2000000000", "2147483647", "-2147483648",
        "NaN", "nan", "inf", "Infinity", "-∞", "∞", "1e308", "1e309", "4.9e-324", "1,5", "--", "-", "--epochs", "-o", "é",
        "100,100", "1,,2", "0,5", "relu", "softplus", "adam", "lbfgs", "permutation", "he", "xavier", "-0.01", "gradient-descent", "all",
    ];

    /// <summary>Values an option may well accept, so that cases also get past the parser.</summary>
    private static readonly string[] _plausibleValues = ["1", "2", "3", "10", "100", "0.5", "0.9", "0.001", "50,20"];

    private readonly TempDirectory _dir = new();
    private readonly string[] _paths;
    private readonly CommandShape[] _commands;

    public CliPropertyTests()
    {
        var folder = _dir.File("folder");
        Directory.CreateDirectory(folder);
        var file = _dir.File("file.txt");
        File.WriteAllText(file, "plain text");
        var model = _dir.File("tiny.nnet");
        ModelFile.Save(model, new Network<float>(new NetworkOptions { HiddenSizes = [8], Seed = 1 }, batchCapacity: 1));
        var onnx = _dir.File("tiny.onnx");
        File.Copy(Path.Combine(NativeNet.Tests.Onnx.OnnxFixture.Directory, "sigmoid_softmax.onnx"), onnx);
        var layerList = _dir.File("layers.nnet");
        ModelFile.Save(layerList, NativeNet.Onnx.OnnxImporter.Load(onnx));
        var digit = _dir.File("digit.pgm");
        File.WriteAllBytes(digit, PgmReader.EncodeBinary(28, 28, new float[28 * 28]));
        Directory.CreateDirectory(_dir.File("out"));
        _paths =
        [
            folder, file, Path.Combine(file, "below"), Path.Combine(file, "below", "deeper.nnet"), _dir.File("missing"),
            Path.Combine(_dir.File("missing"), "deeper", "x.nnet"), model, onnx, layerList, digit, _dir.File("out/new.nnet"), _dir.File("out/plots"),
            "/proc/nativenet/x", "/", ".",
        ];
        _commands = [.. CommandShape.All(CliApp.BuildRoot(new CliConsole(TextWriter.Null, TextWriter.Null, isTerminal: false)))];
    }

    public void Dispose() => _dir.Dispose();

    [Property(MaxTest = 300, Replay = "19,11400714819323198485")]
    public Property Generated_invocations_end_in_one_line_and_a_known_exit_code() =>
        HostileInputs.ForAll(Invocations(), Check);

    [Property(MaxTest = 10_000, Replay = "1919,11400714819323198485")]
    [Trait("Category", "Slow")]
    public Property Ten_thousand_generated_invocations_end_in_one_line_and_a_known_exit_code() =>
        HostileInputs.ForAll(Invocations(), Check);

    [Fact]
    public void The_generator_reaches_every_option_of_every_command()
    {
        var names = new[] { "train", "eval", "predict", "export", "import", "serve", "experiment", "tune", "tune report", "info" };
        Assert.Equal(names.Order(), _commands.Select(c => string.Join(' ', c.Path)).Order());
        var train = _commands.Single(c => c.Path is ["train"]);
        foreach (var option in new[] { "--epochs", "--batch", "--lr", "--out", "--plots", "--data", "--hidden", "--checkpoint", "--checkpoint-every", "--resume", "--verbose", "--help" })
            Assert.Contains(option, train.Options.Select(o => o.Name));
    }

    private void Check(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Execute(args, new CliConsole(output, error, isTerminal: false) { CheckOnly = true });
        string context = $"nativenet {string.Join(' ', args.Select(a => $"'{a}'"))} -> {code}: {error}";
        Assert.True(code is CliApp.Success or CliApp.Failure or CliApp.UsageError, context);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // --verbose asks for the stack trace after the line.
        Assert.True(lines.Length <= 1 || args.Contains("--verbose"), context);
        if (lines.Length >= 1)
        {
            Assert.True(code != CliApp.Success && lines[0].StartsWith("error: ", StringComparison.Ordinal), context);
            Assert.False(lines[0].Contains("System.", StringComparison.Ordinal) || lines[0].Contains("Exception", StringComparison.Ordinal), context);
        }

        Assert.True(Directory.GetFiles(_dir.Path, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories).Length == 0, context);
    }

    private Gen<string[]> Invocations() =>
        from command in Gen.Elements(_commands)
        from count in Gen.Choose(0, 4)
        from options in Gen.ArrayOf(OptionTokens(command), count)
        from arguments in ArgumentTokens(command)
        from argumentsFirst in Gen.Elements(false, true)
        select (string[])[.. command.Path, .. argumentsFirst ? arguments : [], .. options.SelectMany(o => o), .. argumentsFirst ? [] : arguments];

    private Gen<string[]> OptionTokens(CommandShape command) =>
        from option in Gen.Elements(command.Options)
        from name in Gen.Elements([option.Name, .. option.Aliases])
        from value in option.Arity.MaximumNumberOfValues == 0 ? Gen.Constant(Array.Empty<string>()) : Values(option is Option<bool>)
        select (string[])[name, .. value];

    /// <summary>A hostile, plausible or path value; for a switch (or a forgotten value) often none.</summary>
    private Gen<string[]> Values(bool isSwitch) => Gen.OneOf(
        Gen.Elements(_hostileValues).Select(v => new[] { v }),
        Gen.Elements(_plausibleValues).Select(v => new[] { v }),
        Gen.Elements(_paths).Select(v => new[] { v }),
        Gen.Constant(isSwitch ? Array.Empty<string>() : [_hostileValues[0]]),
        Gen.Constant(Array.Empty<string>()));

    private Gen<string[]> ArgumentTokens(CommandShape command)
    {
        if (command.Arguments.Length == 0)
            return Gen.Constant(Array.Empty<string>());
        var one = Gen.OneOf(Gen.Elements(_hostileValues), Gen.Elements(_paths));
        return Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(one, n));
    }

    /// <summary>One command of the tree: the words that invoke it, and the options it accepts (its own and the inherited ones).</summary>
    private sealed record CommandShape(string[] Path, Option[] Options, Argument[] Arguments)
    {
        public static IEnumerable<CommandShape> All(Command root) => Walk(root, [], [.. root.Options.Where(o => o.Recursive)]);

        private static IEnumerable<CommandShape> Walk(Command command, string[] path, Option[] inherited)
        {
            foreach (var sub in command.Subcommands)
            {
                string[] subPath = [.. path, sub.Name];
                yield return new CommandShape(subPath, [.. sub.Options, .. inherited], [.. sub.Arguments]);
                foreach (var nested in Walk(sub, subPath, inherited))
                    yield return nested;
            }
        }
    }
}
