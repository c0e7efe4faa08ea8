using System.Net;
using System.Net.Sockets;
using System.Text;
using NativeNet.Cli.Serving;

namespace NativeNet.Tests.Cli.Serving;

/// <summary>Concurrency, back-pressure and shutdown: many clients get only correct answers, a full queue gets 503, stopping drains.</summary>
public sealed class ServeLoadTests
{
    [Fact]
    [Trait("Category", "Slow")] // 6,400 requests: seconds here, minutes under ARM64 emulation
    public async Task Sixty_four_concurrent_clients_sending_a_hundred_requests_each_get_only_correct_answers()
    {
        await using var server = await TestServer.StartAsync();
        const int Clients = 64, Requests = 100, Distinct = 16;
        var rows = Enumerable.Range(0, Distinct).Select(i => TestServer.RandomRows(1 + (i % 3), 784, seed: 100 + i)).ToArray();
        var bodies = rows.Select(r => TestServer.Json(r, 784)).ToArray();
        var expected = rows.Select(server.Expected).ToArray();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var r = 0; r < Requests; r++)
            {
                var which = (c * 7 + r) % Distinct;
                using var response = await client.PostAsync("predict", new StringContent(bodies[which], Encoding.UTF8, "application/json"));
                var actual = await TestServer.ReadPredictionsAsync(response);
                try
                {
                    TestServer.AssertSame(expected[which], actual);
                }
                catch (Xunit.Sdk.XunitException)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })));
        Assert.Equal(0, wrong);
        Assert.Equal(Clients * Requests, (int)server.Server.Metrics.Requests.WithLabels("predict", "200").Value);
    }

    [Fact]
    public async Task The_pool_lends_each_session_once_and_refuses_past_the_queue_bound()
    {
        using var pool = new SessionPool(TestServer.SmallNetwork(), sessions: 2, maxQueue: 1, batchCapacity: 1);
        var a = await pool.TryRentAsync(CancellationToken.None);
        var b = await pool.TryRentAsync(CancellationToken.None);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotSame(a.Session, b.Session);
        var waiting = pool.TryRentAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, pool.Waiting);
        Assert.Null(await pool.TryRentAsync(CancellationToken.None)); // queue full
        a.Dispose();
        var c = await waiting;
        Assert.Same(a.Session, c!.Session);
        b.Dispose();
        c.Dispose();
        Assert.Equal(0, pool.Busy);
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_then_serves_again()
    {
        // One session, no queue: while the session is held, a request has nowhere to wait.
        await using var server = await TestServer.StartAsync(settings: new() { MaxConcurrency = 1, MaxQueue = 0 });
        var rows = TestServer.RandomRows(1, 784, seed: 5);
        var body = TestServer.Json(rows, 784);
        using (var held = await server.Server.Pool.TryRentAsync(CancellationToken.None))
        {
            using var refused = await server.PostAsync(body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("queue_full", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var served = await server.PostAsync(body);
        TestServer.AssertSame(server.Expected(rows), await TestServer.ReadPredictionsAsync(served));
    }

    [Fact]
    public async Task A_queued_request_waits_for_the_session_and_is_answered()
    {
        await using var server = await TestServer.StartAsync(settings: new() { MaxConcurrency = 1, MaxQueue = 1 });
        var rows = TestServer.RandomRows(1, 784, seed: 6);
        Task<HttpResponseMessage> queued;
        using (var held = await server.Server.Pool.TryRentAsync(CancellationToken.None))
        {
            queued = server.PostAsync(TestServer.Json(rows, 784));
            for (var waited = 0; server.Server.Pool.Waiting == 0; waited += 5)
            {
                Assert.True(waited < 10_000, "the request never queued");
                await Task.Delay(5);
            }

            Assert.False(queued.IsCompleted);
        }

        using var response = await queued;
        TestServer.AssertSame(server.Expected(rows), await TestServer.ReadPredictionsAsync(response));
    }

    [Fact]
    public async Task Stopping_lets_a_request_in_flight_finish()
    {
        var server = await TestServer.StartAsync();
        var rows = TestServer.RandomRows(1, 784, seed: 9);
        var body = Encoding.UTF8.GetBytes(TestServer.Json(rows, 784));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /predict HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await Task.Delay(200); // the request is being read when the stop begins

        var stopping = server.DisposeAsync().AsTask();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "the server stopped with a request in flight");
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(); // the server closes the connection after answering
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains("\"predictions\"", answer, StringComparison.Ordinal);
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
