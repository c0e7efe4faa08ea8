namespace NativeNet.Cli;

/// <summary>Entry point of the <c>nativenet</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line against the process console; see <see cref="CliApp.Run"/>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code: 0 on success, 1 for a failed command, 2 for bad arguments.</returns>
    public static int Main(string[] args) =>
        CliApp.Run(args, Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected);
}
