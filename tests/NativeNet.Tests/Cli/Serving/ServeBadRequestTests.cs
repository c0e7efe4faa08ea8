using System.Net;
using System.Text;
using System.Text.Json;

namespace NativeNet.Tests.Cli.Serving;

/// <summary>Every kind of bad request gets its 4xx and a JSON error naming the problem, and the next request is answered normally.</summary>
public sealed class ServeBadRequestTests
{
    private static readonly ServeLimits _limits = new(MaxBatch: 4, MaxBodyBytes: 64 * 1024, MaxImageSide: 64);

    private sealed record ServeLimits(int MaxBatch, long MaxBodyBytes, int MaxImageSide);

    private static string Row(string value, int count = 784) => "[" + string.Join(',', Enumerable.Repeat(value, count)) + "]";

    public static TheoryData<string, string, string?, int, string> Cases()
    {
        var good = Row("0.5");
        var tooLarge = new byte[100_000];
        var bigPng = Convert.ToBase64String(TestImages.Png(100, 100, new byte[100 * 100]));
        var truncatedPng = Convert.ToBase64String(TestImages.Png(28, 28, new byte[784])[..40]);
        return new TheoryData<string, string, string?, int, string>
        {
            { "malformed JSON", "{\"inputs\": [[1, 2", "application/json", 400, "malformed_json" },
            { "trailing garbage", "{\"inputs\": [" + good + "]} x", "application/json", 400, "malformed_json" },
            { "empty body", "", "application/json", 400, "malformed_json" },
            { "not an object", "[[1, 2]]", "application/json", 400, "wrong_shape" },
            { "no inputs", "{\"rows\": [" + good + "]}", "application/json", 400, "wrong_shape" },
            { "inputs not an array", "{\"inputs\": 5}", "application/json", 400, "wrong_shape" },
            { "a flat row", "{\"inputs\": " + good + "}", "application/json", 400, "wrong_shape" },
            { "row too short", "{\"inputs\": [" + Row("0.5", 783) + "]}", "application/json", 400, "wrong_row_length" },
            { "row too long", "{\"inputs\": [" + Row("0.5", 785) + "]}", "application/json", 400, "wrong_row_length" },
            { "NaN literal", "{\"inputs\": [" + Row("NaN") + "]}", "application/json", 400, "malformed_json" },
            { "NaN string", "{\"inputs\": [" + Row("\"NaN\"") + "]}", "application/json", 400, "not_a_number" },
            { "Infinity literal", "{\"inputs\": [" + Row("Infinity") + "]}", "application/json", 400, "malformed_json" },
            { "overflow to infinity", "{\"inputs\": [" + Row("1e39") + "]}", "application/json", 400, "not_finite" },
            { "a string", "{\"inputs\": [" + Row("\"abc\"") + "]}", "application/json", 400, "not_a_number" },
            { "null", "{\"inputs\": [" + Row("null") + "]}", "application/json", 400, "not_a_number" },
            { "a boolean", "{\"inputs\": [" + Row("true") + "]}", "application/json", 400, "not_a_number" },
            { "empty batch", "{\"inputs\": []}", "application/json", 400, "empty_batch" },
            { "batch above the limit", "{\"inputs\": [" + string.Join(',', Enumerable.Repeat(good, 5)) + "]}", "application/json", 400, "batch_too_large" },
            { "body above the limit", "base64:" + Convert.ToBase64String(tooLarge), "application/json", 413, "body_too_large" },
            { "undecodable image", "base64:" + Convert.ToBase64String([0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]), "image/png", 400, "undecodable_image" },
            { "truncated image", "base64:" + truncatedPng, "image/png", 400, "undecodable_image" },
            { "text sent as an image", "hello", "image/jpeg", 400, "undecodable_image" },
            { "empty image", "", "image/png", 400, "undecodable_image" },
            { "oversized image", "base64:" + bigPng, "image/png", 400, "image_too_large" },
            { "unsupported content type", "{\"inputs\": [" + good + "]}", "text/plain", 415, "unsupported_content_type" },
            { "no content type", "{\"inputs\": [" + good + "]}", null, 415, "unsupported_content_type" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_its_4xx_naming_the_problem_and_the_next_request_is_answered(string name, string body, string? contentType, int status, string kind)
    {
        await using var server = await TestServer.StartAsync(settings: new() { MaxBatch = _limits.MaxBatch, MaxBodyBytes = _limits.MaxBodyBytes, MaxImageSide = _limits.MaxImageSide });
        var bytes = body.StartsWith("base64:", StringComparison.Ordinal) ? Convert.FromBase64String(body["base64:".Length..]) : Encoding.UTF8.GetBytes(body);
        using (var response = await server.PostAsync(bytes, contentType))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(text);
            Assert.Equal(kind, json.RootElement.GetProperty("kind").GetString());
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()));
        }

        var rows = TestServer.RandomRows(1, 784, seed: 1);
        using var good = await server.PostAsync(TestServer.Json(rows, 784));
        TestServer.AssertSame(server.Expected(rows), await TestServer.ReadPredictionsAsync(good));
    }

    [Fact]
    public async Task A_chunked_body_above_the_limit_gets_413()
    {
        await using var server = await TestServer.StartAsync(settings: new() { MaxBodyBytes = 64 * 1024 });
        var content = new StreamContent(new MemoryStream(new byte[100_000]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body_too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var rows = TestServer.RandomRows(1, 784, seed: 2);
        using var good = await server.PostAsync(TestServer.Json(rows, 784));
        TestServer.AssertSame(server.Expected(rows), await TestServer.ReadPredictionsAsync(good));
    }

    [Theory]
    [InlineData("GET", "predict", 405, "method_not_allowed")]
    [InlineData("POST", "health", 405, "method_not_allowed")]
    [InlineData("GET", "nowhere", 404, "not_found")]
    public async Task Unknown_paths_and_methods_get_a_JSON_error(string method, string path, int status, string kind)
    {
        await using var server = await TestServer.StartAsync();
        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(kind, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
