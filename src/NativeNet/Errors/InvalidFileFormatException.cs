namespace NativeNet;

/// <summary>
/// Thrown when a file NativeNet reads (an IDX data file, a model file) is corrupt, truncated, of an
/// unsupported version or otherwise malformed. The message names the file (when known) and the problem.
/// </summary>
public sealed class InvalidFileFormatException : IOException
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    public InvalidFileFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the low-level cause (for example a gzip error).</summary>
    public InvalidFileFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
