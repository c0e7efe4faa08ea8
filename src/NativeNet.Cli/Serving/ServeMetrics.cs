using Prometheus;

namespace NativeNet.Cli.Serving;

/// <summary>
/// The server's Prometheus metrics (prometheus-net), in a registry of the server's own so that several servers
/// in one process (tests) do not share counts: requests by endpoint and status, errors by kind, request
/// latency, predicted rows, and the session pool's occupancy.
/// </summary>
internal sealed class ServeMetrics
{
    public ServeMetrics(SessionPool pool)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("nativenet_http_requests_total", "HTTP requests answered, by endpoint and status code.", "endpoint", "status");
        Errors = factory.CreateCounter("nativenet_http_request_errors_total", "Requests answered with an error, by kind (malformed_json, wrong_row_length, queue_full, ...).", "kind");
        Duration = factory.CreateHistogram("nativenet_http_request_duration_seconds", "Time from the request's arrival to the end of its answer, by endpoint.", new HistogramConfiguration
        {
            LabelNames = ["endpoint"],
            // 50 µs to about 3.3 s: predictions take microseconds, queueing and large batches take longer.
            Buckets = Histogram.ExponentialBuckets(0.00005, 2, 17),
        });
        Predictions = factory.CreateCounter("nativenet_predictions_total", "Input rows predicted.");
        var busy = factory.CreateGauge("nativenet_sessions_busy", "Inference sessions predicting now.");
        var waiting = factory.CreateGauge("nativenet_queue_length", "Requests waiting for an inference session.");
        factory.CreateGauge("nativenet_sessions", "Inference sessions in the pool (--max-concurrency).").Set(pool.Size);
        Registry.AddBeforeCollectCallback(() =>
        {
            busy.Set(pool.Busy);
            waiting.Set(pool.Waiting);
        });
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Counter Errors { get; }

    public Histogram Duration { get; }

    public Counter Predictions { get; }
}
