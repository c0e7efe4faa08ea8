using System.Runtime.InteropServices;

namespace NativeNet.Tests.Reliability;

/// <summary>Sends a POSIX signal to a child process (.NET can only kill, not interrupt, another process).</summary>
internal static partial class PosixSignals
{
    public const int SigInt = 2;

    public static void Send(int processId, int signal)
    {
        if (signal == SigInt && IgnoresSigInt())
        {
            throw new InvalidOperationException(
                "This test process ignores SIGINT (SigIgn in /proc/self/status), as a background job of a shell without job control does, "
                + "and a child started from it inherits that, so it cannot be interrupted. Run the tests in the foreground.");
        }

        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Whether SIGINT is ignored in this process (Linux: the SigIgn mask of /proc/self/status, bit 1).</summary>
    private static bool IgnoresSigInt()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }

        string? mask = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return mask is not null && (Convert.ToUInt64(mask["SigIgn:".Length..].Trim(), 16) & (1UL << (SigInt - 1))) != 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
