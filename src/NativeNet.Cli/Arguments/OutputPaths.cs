namespace NativeNet.Cli.Arguments;

/// <summary>
/// Checks, before a command starts working, that the files and folders it will write can be written: not a
/// folder where a file goes (or a file where a folder goes), not below a file, and the nearest existing folder
/// writable (probed by creating and deleting a temporary file in it). Errors are usage errors (exit 2) that name
/// the path as the user typed it, so a long run never ends in "cannot write".
/// </summary>
internal static class OutputPaths
{
    /// <summary>Checks the path of a file the command will write, such as <c>--out model.nnet</c>.</summary>
    public static void CheckFile(string option, string path)
    {
        var full = FullPath(option, path);
        if (Directory.Exists(full))
            throw new CliUsageException($"{option} '{path}' is a folder; give a file path such as '{Path.Combine(path, "model.nnet")}'.");
        CheckCreatable(option, path, Path.GetDirectoryName(full));
    }

    /// <summary>Checks the path of a folder the command will write files into, such as <c>--plots plots</c>.</summary>
    public static void CheckFolder(string option, string path)
    {
        var full = FullPath(option, path);
        if (File.Exists(full))
            throw new CliUsageException($"{option} '{path}' is a file, not a folder.");
        CheckCreatable(option, path, full);
    }

    /// <summary>Refuses two options that name the same path (a model file written where a folder of plots goes).</summary>
    public static void CheckDistinct(string option, string path, string otherOption, string otherPath)
    {
        if (string.Equals(Path.GetFullPath(path), Path.GetFullPath(otherPath), StringComparison.Ordinal))
            throw new CliUsageException($"{option} '{path}' and {otherOption} '{otherPath}' are the same path; give them different ones.");
    }

    private static string FullPath(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliUsageException($"{option} takes a path; got '{path}'.");
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliUsageException($"{option} '{path}' is not a valid path.");
        }
    }

    /// <summary>
    /// <paramref name="directory"/> exists and is writable, or its nearest existing ancestor is a writable folder
    /// in which the missing folders will be created.
    /// </summary>
    private static void CheckCreatable(string option, string path, string? directory)
    {
        var existing = directory;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
                throw new CliUsageException($"{option} '{path}' is below '{existing}', which is a file, not a folder.");
            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
            throw new CliUsageException($"{option} '{path}': no folder of it exists, not even its root.");
        Probe(option, path, existing);
    }

    private static void Probe(string option, string path, string directory)
    {
        var probe = Path.Combine(directory, $".nativenet-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUsageException($"{option} '{path}' cannot be written: permission denied in '{directory}'.");
        }
        catch (IOException)
        {
            // Such as /proc or a read-only file system; .NET's own message would name the probe file.
            throw new CliUsageException($"{option} '{path}' cannot be written: '{directory}' does not accept new files.");
        }
    }
}
