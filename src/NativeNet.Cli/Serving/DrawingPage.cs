using Microsoft.AspNetCore.Http;
namespace NativeNet.Cli.Serving;

/// <summary>
/// <c>GET /</c>: the single self-contained page (index.html, embedded in the assembly) with a canvas to draw a
/// digit on. Its script and styles are inline and the Content-Security-Policy forbids anything else, so the
/// page works offline and can load nothing from elsewhere.
/// </summary>
internal sealed class DrawingPage(byte[] html)
{
    private const string ResourceName = "NativeNet.Cli.Serving.index.html";

    public static DrawingPage Load()
    {
        using var stream = typeof(DrawingPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DrawingPage(copy.ToArray());
    }

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";
        response.Headers.CacheControl = "no-cache";
        response.ContentLength = html.Length;
        return response.Body.WriteAsync(html, context.RequestAborted).AsTask();
    }
}
