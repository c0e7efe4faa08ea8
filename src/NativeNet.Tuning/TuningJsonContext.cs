using System.Text.Json.Serialization;

namespace NativeNet.Tuning;

/// <summary>
/// Source-generated System.Text.Json metadata for the result files: no reflection, so NativeAOT and trimming keep
/// working. snake_case names like the spec keys; NaN accuracies (a trial that never finished an epoch) are written
/// as the string "NaN"; "\n" line breaks on every system, so a file's bytes do not depend on where it was written.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NewLine = "\n",
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TrialResultDocument))]
internal sealed partial class TuningJsonContext : JsonSerializerContext;
