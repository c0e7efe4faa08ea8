namespace NativeNet.Onnx.Import;

/// <summary>
/// Bounds on what the importer accepts, so that a hostile file can make it allocate at most about its own size:
/// every count and length is checked against these and against the bytes actually present before anything is
/// allocated from it.
/// </summary>
internal static class OnnxLimits
{
    /// <summary>The largest file read: 512 MiB (an MLP classifier is a few MB).</summary>
    public const long MaxFileBytes = 512L << 20;

    /// <summary>The most values in one tensor or one layer's weights.</summary>
    public const long MaxElements = 1L << 27;

    /// <summary>The widest activation: features per sample of the input or of any layer.</summary>
    public const int MaxFeatures = 1 << 20;

    /// <summary>The most activation values per sample over all layers (what one row of a session's workspace holds).</summary>
    public const long MaxActivationsPerSample = 1L << 22;

    /// <summary>The most dimensions of a tensor.</summary>
    public const int MaxRank = 8;

    /// <summary>The most nodes in a graph.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>The oldest and newest default-domain opsets supported.</summary>
    public const int MinOpset = 9;

    /// <inheritdoc cref="MinOpset"/>
    public const int MaxOpset = 21;
}
