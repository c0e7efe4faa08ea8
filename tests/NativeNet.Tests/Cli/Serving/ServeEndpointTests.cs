using System.Text.Json;

namespace NativeNet.Tests.Cli.Serving;

/// <summary>The page, /health and /metrics.</summary>
public sealed class ServeEndpointTests
{
    [Fact]
    public async Task The_page_is_one_self_contained_document()
    {
        await using var server = await TestServer.StartAsync();
        using var response = await server.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<canvas id=\"pad\"", html, StringComparison.Ordinal);
        // Nothing loaded from elsewhere: no external scripts, styles, fonts or images, and the policy forbids them.
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_describes_the_model_and_the_pool()
    {
        await using var server = await TestServer.StartAsync(settings: new() { MaxConcurrency = 3 });
        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("health"));
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(784, json.RootElement.GetProperty("inputSize").GetInt32());
        Assert.Equal(10, json.RootElement.GetProperty("outputSize").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task Metrics_count_requests_errors_latency_and_predictions_in_the_prometheus_format()
    {
        await using var server = await TestServer.StartAsync();
        (await server.PostAsync(TestServer.Json(TestServer.RandomRows(3, 784, seed: 1), 784))).Dispose();
        (await server.PostAsync("{", "application/json")).Dispose();
        using var response = await server.Client.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE nativenet_http_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("nativenet_http_requests_total{endpoint=\"predict\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("nativenet_http_requests_total{endpoint=\"predict\",status=\"400\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("nativenet_http_request_errors_total{kind=\"malformed_json\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("nativenet_predictions_total 3", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE nativenet_http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("nativenet_http_request_duration_seconds_count{endpoint=\"predict\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("nativenet_sessions ", text, StringComparison.Ordinal);
    }
}
