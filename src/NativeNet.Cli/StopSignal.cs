using System.Runtime.InteropServices;
using NativeNet.IO;

namespace NativeNet.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation, so a long command stops after its current
/// step and saves what it has; a second one ends the process at once with <see cref="ImmediateExitCode"/>,
/// after deleting this process's temporary files beside the files it writes (atomic saves never leave a
/// half-written target, and this leaves no temporary file either).
/// </summary>
internal sealed class StopSignal : IDisposable
{
    /// <summary>The shells' code for a process ended by SIGINT (128 + 2).</summary>
    public const int ImmediateExitCode = 130;

    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _output;
    private readonly string[] _targets;
    private readonly string[] _folders;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    /// <param name="output">Receives the line acknowledging the first signal.</param>
    /// <param name="targets">The files the command writes, whose temporary files a second signal deletes.</param>
    public StopSignal(TextWriter output, params string[] targets)
        : this(output, targets, [])
    {
    }

    /// <param name="output">Receives the line acknowledging the first signal.</param>
    /// <param name="targets">The files the command writes, whose temporary files a second signal deletes.</param>
    /// <param name="folders">Folders the command writes many files into (the trial results of <c>tune</c>): a second
    /// signal deletes this process's temporary files in them.</param>
    public StopSignal(TextWriter output, string[] targets, params string[] folders)
    {
        _output = output;
        _targets = targets;
        _folders = folders;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // the runtime's default would end the process at once
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _output.WriteLine($"{context.Signal}: stopping after the current step to write a checkpoint (signal again to stop at once, without one)");
            _source.Cancel();
            return;
        }

        DeleteOwnTemporaryFiles();
        Environment.Exit(ImmediateExitCode);
    }

    private void DeleteOwnTemporaryFiles()
    {
        foreach (var folder in _folders)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    foreach (var file in Directory.GetFiles(folder, $".*.{Environment.ProcessId}.*{AtomicFile.TemporarySuffix}"))
                        File.Delete(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort, as below.
            }
        }

        foreach (var target in _targets)
        {
            try
            {
                var full = Path.GetFullPath(target);
                var directory = Path.GetDirectoryName(full);
                if (directory is null || !Directory.Exists(directory))
                    continue;
                foreach (var file in Directory.GetFiles(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.*{AtomicFile.TemporarySuffix}"))
                    File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the process is ending, and a leftover temporary file never replaces a target.
            }
        }
    }
}
