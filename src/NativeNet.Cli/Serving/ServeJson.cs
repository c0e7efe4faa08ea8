using System.Text.Json.Serialization;

namespace NativeNet.Cli.Serving;

/// <summary>The answer to <c>POST /predict</c>: one prediction per input row, in order.</summary>
internal sealed record PredictResponse(PredictionJson[] Predictions);

/// <summary>The most likely class (the first on ties) and the softmax probability of every class.</summary>
internal sealed record PredictionJson(int Label, double[] Probabilities);

/// <summary>Every 4xx and 503 body: what went wrong, and a short kind (also an error label in /metrics).</summary>
internal sealed record ErrorResponse(string Error, string Kind);

/// <summary>The answer to <c>GET /health</c>.</summary>
internal sealed record HealthResponse(string Status, string Model, int InputSize, int OutputSize, int Sessions, int Busy, int Waiting);

/// <summary>
/// System.Text.Json source generation for every body the server writes: no reflection, so the server stays
/// trimming- and NativeAOT-clean.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;
