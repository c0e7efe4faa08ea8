using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using NativeNet.Cli.Commands;
using NativeNet.Networks;
using Prometheus;

namespace NativeNet.Cli.Serving;

/// <summary>
/// A model behind HTTP on Kestrel (minimal APIs over plain request delegates and source-generated JSON, so it
/// stays trimming- and NativeAOT-clean): <c>POST /predict</c>, the drawing page at <c>GET /</c>,
/// <c>GET /health</c> and <c>GET /metrics</c>. Stopping (Ctrl-C, SIGTERM, <see cref="StopAsync"/>) stops
/// accepting, lets the requests in flight finish within <see cref="ServeSettings.ShutdownTimeout"/>, then ends.
/// </summary>
internal sealed class PredictionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SessionPool _pool;

    private PredictionServer(WebApplication app, SessionPool pool, ServeMetrics metrics)
    {
        _app = app;
        _pool = pool;
        Metrics = metrics;
    }

    /// <summary>The inference sessions (tests hold them to fill the pool).</summary>
    internal SessionPool Pool => _pool;

    /// <summary>The server's metrics (what /metrics shows).</summary>
    public ServeMetrics Metrics { get; }

    /// <summary>The addresses it listens on, with the real port where 0 was asked for; after <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<string> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses];

    /// <summary>Builds the server for <paramref name="network"/> (not started); <paramref name="modelName"/> is shown by /health.</summary>
    public static PredictionServer Create(Network<float> network, string modelName, ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Create(new ClassifierModel(network.Options.Describe(), network.CreateSession(1), network.Layers, network.CreateSession), modelName, settings);
    }

    /// <summary>Builds the server for <paramref name="model"/> (a trained network or any layer list; not started).</summary>
    public static PredictionServer Create(ClassifierModel model, string modelName, ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        int inputSize = model.Session.InputSize;
        int outputSize = model.Session.OutputSize;

        // The empty builder: no configuration sources, logging providers or hosting defaults to set up (a slim
        // builder spends most of a NativeAOT binary's start-up there); Kestrel and routing are added by hand.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (settings.LogWarnings)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // A failed start (a port in use) reaches the CLI as an exception and becomes its one-line error; the
            // host's own log of it would add a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        var app = builder.Build();
        var pool = new SessionPool(model.NewSession, settings.MaxConcurrency, settings.MaxQueue, settings.MaxBatch);
        var metrics = new ServeMetrics(pool);
        var predict = new PredictEndpoint(pool, metrics, settings, inputSize, outputSize, model.OutputsProbabilities);
        var page = DrawingPage.Load();

        app.Use(ErrorResponses.Middleware(metrics));
        // Plain request delegates: no parameter binding to generate, nothing reflected on.
        app.MapPost("/predict", (RequestDelegate)predict.HandleAsync);
        app.MapGet("/", (RequestDelegate)page.WriteAsync);
        app.MapGet("/health", (RequestDelegate)(context => context.Response.WriteAsJsonAsync(
            new HealthResponse("ok", modelName, inputSize, outputSize, pool.Size, pool.Busy, pool.Waiting),
            ServeJsonContext.Default.HealthResponse, contentType: null, context.RequestAborted)));
        app.MapMetrics("/metrics", metrics.Registry);
        return new PredictionServer(app, pool, metrics);
    }

    /// <summary>Binds the addresses and starts answering.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Waits for Ctrl-C or SIGTERM (or <see cref="StopAsync"/>) and for the drain that follows.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting and waits for the requests in flight (up to the shutdown timeout).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _pool.Dispose();
    }
}
