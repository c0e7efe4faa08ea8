using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NativeNet.Cli.Commands;
using NativeNet.Cli.Serving;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Cli.Serving;

/// <summary>A <see cref="PredictionServer"/> on a free loopback port (real Kestrel), a client for it, and the reference answers.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(PredictionServer server, Network<float> network, ServeSettings settings)
    {
        Server = server;
        Network = network;
        Settings = settings;
        BaseAddress = new Uri(server.Addresses[0]);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public PredictionServer Server { get; }

    public Network<float> Network { get; }

    public ServeSettings Settings { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>A 784-50-10 network with random weights: the server does not care whether it was trained.</summary>
    public static Network<float> SmallNetwork() => new(new NetworkOptions { HiddenSizes = [50], Seed = 16 }, batchCapacity: 1);

    public static async Task<TestServer> StartAsync(Network<float>? network = null, ServeSettings? settings = null)
    {
        network ??= SmallNetwork();
        settings = (settings ?? new ServeSettings()) with { Urls = "http://127.0.0.1:0", LogWarnings = false };
        var server = PredictionServer.Create(network, "test.nnet", settings);
        await server.StartAsync();
        return new TestServer(server, network, settings);
    }

    /// <summary>What the server must answer for <paramref name="rows"/>: an <see cref="InferenceSession{T}"/> of the same batch capacity, predicting the same batch.</summary>
    public (int Label, double[] Probabilities)[] Expected(float[] rows) => Expected(Network, rows, Settings.MaxBatch);

    /// <summary>What a server of <paramref name="network"/> sized for <paramref name="maxBatch"/> rows must answer.</summary>
    public static (int Label, double[] Probabilities)[] Expected(Network<float> network, float[] rows, int maxBatch)
    {
        var count = rows.Length / network.InputSize;
        var scores = new float[count * network.OutputSize];
        network.CreateSession(maxBatch).Predict(new ReadOnlyTensorView<float>(rows, new Shape(count, network.InputSize)), new TensorView<float>(scores, new Shape(count, network.OutputSize)));
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var row = scores.AsSpan(i * network.OutputSize, network.OutputSize);
            return (EvalCommand.ArgMax(row), PredictCommand.Softmax(row));
        })];
    }

    public static string Json(float[] rows, int inputSize)
    {
        var text = new StringBuilder("{\"inputs\":[");
        for (var r = 0; r < rows.Length / inputSize; r++)
        {
            text.Append(r == 0 ? "[" : ",[");
            for (var i = 0; i < inputSize; i++)
                text.Append(i == 0 ? "" : ",").Append(rows[(r * inputSize) + i].ToString("R", CultureInfo.InvariantCulture));
            text.Append(']');
        }

        return text.Append("]}").ToString();
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? contentType = "application/json") =>
        PostAsync(Encoding.UTF8.GetBytes(body), contentType);

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Client.PostAsync("predict", content);
    }

    /// <summary>The predictions of a 200 answer.</summary>
    public static async Task<(int Label, double[] Probabilities)[]> ReadPredictionsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("predictions").EnumerateArray().Select(p =>
            (p.GetProperty("label").GetInt32(), p.GetProperty("probabilities").EnumerateArray().Select(v => v.GetDouble()).ToArray()))];
    }

    public static void AssertSame((int Label, double[] Probabilities)[] expected, (int Label, double[] Probabilities)[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            // Bit for bit: JSON doubles round-trip exactly.
            Assert.Equal(expected[i].Probabilities.Select(BitConverter.DoubleToInt64Bits), actual[i].Probabilities.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    public static float[] RandomRows(int count, int inputSize, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count * inputSize];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = random.NextSingle();
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
    }
}
