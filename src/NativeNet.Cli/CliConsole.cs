using Spectre.Console;

namespace NativeNet.Cli;

/// <summary>
/// Where a command writes: plain text writers (so tests can capture them) and a Spectre console over the
/// same output writer for tables and progress bars. Progress bars and colours only when output is a terminal.
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Width used for tables when the output is not a terminal (files, pipes, tests).</summary>
    private const int RedirectedWidth = 120;

    public CliConsole(TextWriter output, TextWriter error, bool isTerminal)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!isTerminal)
        {
            Ansi.Profile.Width = RedirectedWidth;
            Ansi.Profile.Capabilities.Unicode = true;
        }
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: one-line error messages.</summary>
    public TextWriter Error { get; }

    /// <summary>Spectre console writing to <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Whether output goes to an interactive terminal (then progress bars are drawn).</summary>
    public bool IsTerminal { get; }

    /// <summary>
    /// Whether the expensive commands (train, tune, experiment) and serve (which runs until stopped) stop once
    /// their arguments, inputs and output paths are checked, before the first step of work. The CLI's property test runs thousands of invocations
    /// this way; it also shows that every check comes before the work.
    /// </summary>
    public bool CheckOnly { get; init; }

    /// <summary>Writes a line of plain text (no markup interpretation).</summary>
    public void WriteLine(string text = "") => Out.WriteLine(text);
}
