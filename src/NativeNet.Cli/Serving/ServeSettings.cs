namespace NativeNet.Cli.Serving;

/// <summary>What <c>nativenet serve</c> listens on and the limits it enforces on every request.</summary>
internal sealed record ServeSettings
{
    /// <summary>The default of <c>--urls</c>: loopback only, so nothing is exposed unless asked for.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Semicolon-separated <c>http://host:port</c> addresses; port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Inference sessions, so requests predicting at the same time (default: the processor count).</summary>
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait for a session; one more is answered 503 with Retry-After.</summary>
    public int MaxQueue { get; init; } = 256;

    /// <summary>Rows one request may carry; each session is sized for this batch.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Request bodies above this many bytes get 413 (256 rows of 784 numbers written with 9 digits fit).</summary>
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Images wider or taller than this get 400 before any pixel is decoded.</summary>
    public int MaxImageSide { get; init; } = 2048;

    /// <summary>Seconds a client is told to wait (Retry-After) when the queue is full.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>How long Ctrl-C or SIGTERM waits for requests in flight before the server stops.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether ASP.NET Core warnings go to the console (off in tests).</summary>
    public bool LogWarnings { get; init; } = true;
}
