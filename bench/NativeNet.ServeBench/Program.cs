using System.Diagnostics;
using System.Globalization;
using System.Text;
using NativeNet.Cli.Serving;
using NativeNet.Networks;
using NativeNet.Serialization;

// nativenet serve under load, on 127.0.0.1 only, with the load generator on the same cores:
//   dotnet run -c Release --project bench/NativeNet.ServeBench -- [--model FILE] [--url http://127.0.0.1:PORT]
//       [--rate 2000] [--seconds 10] [--clients 32]
// Phase 1 offers a fixed rate (open loop: each request is due at start + i / rate, and its latency counts from
// then, so a stalled server is not hidden by a stalled client). Phase 2 saturates: --clients loops send back to
// back. Every answer is checked (status 200 and a label); any other outcome counts as an error.
var options = ParseArguments(args);
var rate = int.Parse(options.GetValueOrDefault("--rate", "2000"), CultureInfo.InvariantCulture);
var seconds = double.Parse(options.GetValueOrDefault("--seconds", "10"), CultureInfo.InvariantCulture);
var clients = int.Parse(options.GetValueOrDefault("--clients", "32"), CultureInfo.InvariantCulture);

PredictionServer? server = null;
Uri baseAddress;
if (options.TryGetValue("--url", out var url))
{
    baseAddress = new Uri(url);
}
else
{
    var network = options.TryGetValue("--model", out var model)
        ? ModelFile.Load<float>(model).Network
        : new Network<float>(new NetworkOptions { HiddenSizes = [100], Seed = 1 }, batchCapacity: 1); // same cost as a trained 784-100-10
    server = PredictionServer.Create(network, "bench", new ServeSettings { Urls = "http://127.0.0.1:0", LogWarnings = false });
    await server.StartAsync();
    baseAddress = new Uri(server.Addresses[0]);
}

var random = new Random(1);
var body = Encoding.UTF8.GetBytes("{\"inputs\":[[" + string.Join(',', Enumerable.Range(0, 784).Select(_ => (random.Next(256) / 255f).ToString("R", CultureInfo.InvariantCulture))) + "]]}");
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

Console.WriteLine($"target {baseAddress}, {Environment.ProcessorCount} processors shared by server and load generator, body {body.Length} bytes");
await Warmup();
Report($"fixed rate {rate}/s", await FixedRate(rate, seconds));
Report($"saturation, {clients} clients", await Saturation(clients, seconds));
if (server is not null)
{
    await server.StopAsync();
    await server.DisposeAsync();
}

async Task<bool> Send()
{
    try
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("predict", content);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && text.Contains("\"label\":", StringComparison.Ordinal);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return false;
    }
}

async Task Warmup()
{
    var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 2;
    await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
    {
        while (Stopwatch.GetTimestamp() < until)
            await Send();
    }));
}

async Task<Result> FixedRate(int perSecond, double duration)
{
    var count = (int)(perSecond * duration);
    var latencies = new double[count];
    var sendLags = new double[count];
    var tasks = new Task[count];
    var errors = 0;
    var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var gcBefore = GcSnapshot.Take();
    var start = Stopwatch.GetTimestamp();

    // The generator has a thread of its own. Awaiting Task.Delay(1) on the pool sent requests up to 1 ms early
    // and, behind the server's work items, often several late (send lag p99 3.3-4.0 ms, which the open-loop
    // latency then counts). This thread sleeps while the next request is more than 2 ms away and only yields
    // the core in the last 2 ms, so it is ready at the due time without holding a core the server wants.
    var yieldWindow = Stopwatch.Frequency / 500; // 2 ms
    var generator = new Thread(() =>
    {
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / perSecond);
            while (true)
            {
                var ahead = due - Stopwatch.GetTimestamp();
                if (ahead <= 0)
                    break;
                if (ahead > yieldWindow)
                    Thread.Sleep(1);
                else
                    Thread.Yield();
            }

            sendLags[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            tasks[i] = Measure(i, due);
        }

        sent.SetResult(); // not Join on a pool thread: with 2 cores that would halve the pool's workers
    })
    { IsBackground = true, Name = "load generator" };
    generator.Start();
    await sent.Task;

    async Task Measure(int index, long due)
    {
        var ok = await Send();
        latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        if (!ok)
            Interlocked.Increment(ref errors);
    }

    await Task.WhenAll(tasks);
    var gc = GcSnapshot.Take() - gcBefore;
    var worst = Array.IndexOf(latencies, latencies.Max());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"garbage collections gen0 {gc.Gen0} gen1 {gc.Gen1} gen2 {gc.Gen2}, paused {gc.PauseMs:F1} ms in all; pool threads {ThreadPool.ThreadCount}; slowest request due at {worst / (double)perSecond:F2} s"));
    var lag = sendLags.Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"send lag (request sent after its due time, counted in its latency) ms p50 {Quantile(lag, 0.5):F2} p99 {Quantile(lag, 0.99):F2} max {lag[^1]:F2}"));
    return new Result(count, errors, Stopwatch.GetElapsedTime(start).TotalSeconds, latencies);
}

async Task<Result> Saturation(int loops, double duration)
{
    var all = new List<double>[loops];
    var errors = 0;
    var start = Stopwatch.GetTimestamp();
    var until = start + (long)(Stopwatch.Frequency * duration);
    await Task.WhenAll(Enumerable.Range(0, loops).Select(c => Task.Run(async () =>
    {
        var mine = all[c] = [];
        while (Stopwatch.GetTimestamp() < until)
        {
            var sent = Stopwatch.GetTimestamp();
            if (!await Send())
                Interlocked.Increment(ref errors);
            mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    })));
    var latencies = all.SelectMany(l => l).ToArray();
    return new Result(latencies.Length, errors, Stopwatch.GetElapsedTime(start).TotalSeconds, latencies);
}

static void Report(string name, Result result)
{
    var sorted = result.LatenciesMs.Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-26} {result.Requests,7} requests in {result.Seconds:F1} s = {result.Requests / result.Seconds,7:F0} req/s, errors {result.Errors}, latency ms p50 {Quantile(sorted, 0.5):F2} p99 {Quantile(sorted, 0.99):F2} p99.9 {Quantile(sorted, 0.999):F2} max {sorted[^1]:F2}"));
}

static double Quantile(double[] sorted, double q) =>
    sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

static Dictionary<string, string> ParseArguments(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
        options[args[i]] = args[i + 1];
    return options;
}

internal readonly record struct GcSnapshot(int Gen0, int Gen1, int Gen2, double PauseMs)
{
    public static GcSnapshot Take() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

    public static GcSnapshot operator -(GcSnapshot a, GcSnapshot b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseMs - b.PauseMs);
}

internal sealed record Result(int Requests, int Errors, double Seconds, double[] LatenciesMs);
