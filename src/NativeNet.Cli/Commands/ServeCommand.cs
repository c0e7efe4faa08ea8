using System.CommandLine;
using Microsoft.AspNetCore.Http;
using NativeNet.Cli.Arguments;
using NativeNet.Cli.Serving;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet serve</c>: a saved model behind HTTP until Ctrl-C or SIGTERM (see <see cref="PredictionServer"/>).</summary>
internal static class ServeCommand
{
    /// <summary>The most sessions --max-concurrency accepts (each holds a workspace for a full batch).</summary>
    private const int MaxSessions = 256;

    public static Command Create(CliConsole console)
    {
        var model = ModelOption.Create();
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';' (http only; port 0 picks a free port). Default: {ServeSettings.DefaultUrls}, this machine only.",
            DefaultValueFactory = _ => ServeSettings.DefaultUrls,
        };
        var maxConcurrency = NumberOptions.WholeNumber("--max-concurrency", "Requests predicting at the same time: one inference session each (default: the processor count).", Math.Min(Environment.ProcessorCount, MaxSessions), minimum: 1, maximum: MaxSessions);
        var maxQueue = NumberOptions.WholeNumber("--max-queue", "Requests that may wait for a session; more get 503 with Retry-After.", 256, minimum: 0, maximum: 100_000);
        var command = new Command("serve", "Serve a saved model over HTTP: POST /predict (JSON rows or a PNG/JPEG/BMP image), a page to draw a digit on at /, /health and /metrics (Prometheus). Runs until Ctrl-C or SIGTERM.")
        {
            model, urls, maxConcurrency, maxQueue,
        };
        command.SetAction(parseResult =>
        {
            var addresses = CheckUrls(parseResult.GetValue(urls)!);
            var settings = new ServeSettings
            {
                Urls = addresses,
                MaxConcurrency = parseResult.GetValue(maxConcurrency),
                MaxQueue = parseResult.GetValue(maxQueue),
            };
            var modelPath = parseResult.GetValue(model)!;
            var classifier = ModelOption.LoadNative(modelPath, settings.MaxBatch);
            if (console.CheckOnly)
                return CliApp.Success;

            var server = PredictionServer.Create(classifier, Path.GetFileName(modelPath), settings);
            try
            {
                server.StartAsync().GetAwaiter().GetResult();
                console.WriteLine($"serving {modelPath} ({classifier.Description}) on {string.Join(", ", server.Addresses)}");
                console.WriteLine($"{settings.MaxConcurrency} sessions, queue {settings.MaxQueue}; POST /predict, GET / (drawing page), /health, /metrics; Ctrl-C to stop");
                console.Out.Flush();
                server.WaitForShutdownAsync().GetAwaiter().GetResult();
                console.WriteLine("stopped");
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Each address must be an absolute http URL Kestrel can bind (https would need a certificate).</summary>
    private static string CheckUrls(string value)
    {
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new CliUsageException("--urls is empty; give an address such as http://127.0.0.1:5000.");
        foreach (var part in parts)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(part);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new CliUsageException($"--urls '{part}' is not an address such as http://127.0.0.1:5000.");
            }

            if (address.IsUnixPipe || !string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase) || address.Host.Length == 0 || address.Port is < 0 or > 65535)
                throw new CliUsageException($"--urls '{part}' is not an http address with a host and a port, such as http://127.0.0.1:5000 (https is not supported; put a proxy in front).");
        }

        return string.Join(';', parts);
    }
}
