using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace NativeNet.Cli.Serving;

/// <summary>
/// Error bodies, and the outermost middleware: it times and counts every request, gives the empty 404 and 405
/// answers of routing a JSON body, turns Kestrel's own request errors (a body above the size limit, malformed
/// chunking) into their 4xx, and keeps a client that hung up from counting as a server error.
/// </summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, ServeMetrics metrics, int statusCode, string kind, string message)
    {
        metrics.Errors.WithLabels(kind).Inc();
        if (context.Response.HasStarted)
            return;
        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(new ErrorResponse(message, kind), ServeJsonContext.Default.ErrorResponse, contentType: null, context.RequestAborted).ConfigureAwait(false);
    }

    public static Func<HttpContext, RequestDelegate, Task> Middleware(ServeMetrics metrics) => async (context, next) =>
    {
        var start = Stopwatch.GetTimestamp();
        var endpoint = context.Request.Path.Value switch
        {
            "/predict" => "predict",
            "/" => "page",
            "/health" => "health",
            "/metrics" => "metrics",
            _ => "other",
        };
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405)
            {
                var (kind, message) = context.Response.StatusCode == 404
                    ? ("not_found", $"No endpoint at {context.Request.Path}: POST /predict, GET /, GET /health, GET /metrics.")
                    : ("method_not_allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}.");
                await WriteAsync(context, metrics, context.Response.StatusCode, kind, message).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException e)
        {
            var kind = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body_too_large" : "bad_request";
            await WriteAsync(context, metrics, e.StatusCode, kind, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away; there is no one to answer.
            metrics.Errors.WithLabels("client_disconnected").Inc();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not a bad request: still a JSON answer, and the server goes on.
            await WriteAsync(context, metrics, StatusCodes.Status500InternalServerError, "internal_error", $"Internal error ({e.GetType().Name}); please report it.").ConfigureAwait(false);
        }
        finally
        {
            metrics.Requests.WithLabels(endpoint, StatusText(context.Response.StatusCode)).Inc();
            metrics.Duration.WithLabels(endpoint).Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    };

    private static string StatusText(int status) => status switch
    {
        200 => "200",
        400 => "400",
        413 => "413",
        415 => "415",
        503 => "503",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
