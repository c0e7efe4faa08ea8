namespace NativeNet;

/// <summary>
/// Thrown when tensors, spans or buffers passed to NativeNet have shapes or lengths that do not fit
/// together (for example a GEMM whose inner dimensions differ, or a batch larger than the planned capacity).
/// </summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message that names both shapes.</summary>
    public ShapeMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the name of the offending parameter.</summary>
    public ShapeMismatchException(string message, string? paramName)
        : base(message, paramName)
    {
    }
}
