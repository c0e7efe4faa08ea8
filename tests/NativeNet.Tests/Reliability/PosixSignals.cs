using System.Runtime.InteropServices;

namespace NativeNet.Tests.Reliability;

/// <summary>Sends a POSIX signal to a child process (.NET can only kill, not interrupt, another process).</summary>
internal static partial class PosixSignals
{
    public const int SigInt = 2;

    public static void Send(int processId, int signal)
    {
        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
