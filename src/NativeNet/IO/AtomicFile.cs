using System.Text;

namespace NativeNet.IO;

/// <summary>
/// The one way NativeNet writes a whole file (models, trial results, specs, SVG figures, CSV data): a temporary
/// file beside the target, flushed to disk, then renamed over the target. A reader never sees half a file, an
/// interrupted write leaves the previous file intact, and a failed write deletes its temporary file. Errors keep
/// their type (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) and name the target, never the temporary file. Internal, shared with the chart
/// library and the CLI.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The suffix of temporary files, so tests can check none is left behind.</summary>
    public const string TemporarySuffix = ".tmp";

    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, _utf8.GetBytes(text));
    }

    /// <summary>Writes <paramref name="bytes"/> into an existing folder (callers that want it created create it).</summary>
    /// <exception cref="IOException">The file could not be written (a <see cref="DirectoryNotFoundException"/> when the
    /// folder is missing); the message names <paramref name="path"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">Writing is not permitted; the message names <paramref name="path"/>.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' names a root folder, not a file.", nameof(path));
        // Same folder as the target, so the final move is a rename within one file system.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            string message = $"Cannot write '{path}': {e.Message.Replace(temporary, full, StringComparison.Ordinal)}";
            throw e switch
            {
                DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
                UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
                _ => new IOException(message, e),
            };
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
