using Spectre.Console;

namespace NativeNet.Cli.Rendering;

/// <summary>
/// Runs work with a Spectre progress bar when the output is a terminal, and without one otherwise
/// (files, pipes, tests), handing the work a callback that sets the bar's fraction and description.
/// </summary>
internal static class ProgressRunner
{
    public static T Run<T>(CliConsole console, string description, Func<Action<double, string?>, T> work)
    {
        if (!console.IsTerminal)
            return work(static (_, _) => { });

        return console.Ansi.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1.0);
                var result = work((fraction, text) =>
                {
                    task.Value = Math.Clamp(fraction, 0, 1);
                    if (text is not null)
                        task.Description = Markup.Escape(text);
                });
                task.Value = 1.0;
                return result;
            });
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls its handler synchronously on the reporting thread.</summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
