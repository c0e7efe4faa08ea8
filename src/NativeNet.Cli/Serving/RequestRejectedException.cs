using Microsoft.AspNetCore.Http;
namespace NativeNet.Cli.Serving;

/// <summary>
/// A request the server will not answer with a prediction: the HTTP status, a short machine-readable
/// <see cref="Kind"/> (also the label of the error counter in /metrics) and a message naming the problem.
/// </summary>
internal sealed class RequestRejectedException(int statusCode, string kind, string message) : Exception(message)
{
    /// <summary>The HTTP status (4xx, or 503 when the queue is full).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>For example <c>malformed_json</c> or <c>wrong_row_length</c>.</summary>
    public string Kind { get; } = kind;

    public static RequestRejectedException BadRequest(string kind, string message) => new(StatusCodes.Status400BadRequest, kind, message);
}
