using System.Globalization;
using System.Text.Json;

namespace NativeNet.Cli.Serving;

/// <summary>
/// Parses <c>{"inputs": [[x, x, ...], ...]}</c> straight into one row-major feature array, with a message for
/// each way it can be wrong: not JSON, not that shape, a row of the wrong length, a value that is not a finite
/// number (NaN and Infinity are not JSON, and quoted numbers are refused), no rows, too many rows.
/// </summary>
internal static class JsonInputs
{
    public static float[] Parse(ReadOnlySpan<byte> json, int inputSize, int maxBatch, out int rows)
    {
        try
        {
            return ParseCore(json, inputSize, maxBatch, out rows);
        }
        catch (JsonException e)
        {
            // The reader's own message says what and where: "'}' is invalid ... LineNumber: 0 | BytePositionInLine: 12."
            throw RequestRejectedException.BadRequest("malformed_json", "The body is not valid JSON: " + e.Message);
        }
    }

    private static float[] ParseCore(ReadOnlySpan<byte> json, int inputSize, int maxBatch, out int rows)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        if (!reader.Read())
            throw RequestRejectedException.BadRequest("malformed_json", "The body is empty; send {\"inputs\": [[...], ...]}.");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Shape("The body must be a JSON object {\"inputs\": [[...], ...]}.");

        float[]? features = null;
        rows = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isInputs = reader.ValueTextEquals("inputs"u8);
            reader.Read();
            if (!isInputs)
            {
                reader.Skip();
                continue;
            }

            if (features is not null)
                throw Shape("\"inputs\" appears twice.");
            features = ReadRows(ref reader, inputSize, maxBatch, out rows);
        }

        // Reads to the end, so trailing garbage after the object is reported as malformed JSON.
        while (reader.Read())
        {
        }

        if (features is null)
            throw Shape("The body has no \"inputs\": send {\"inputs\": [[...], ...]}.");
        return features;
    }

    private static float[] ReadRows(ref Utf8JsonReader reader, int inputSize, int maxBatch, out int rows)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Shape($"\"inputs\" must be an array of rows, each an array of {inputSize} numbers.");
        var features = new float[inputSize];
        rows = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (rows == maxBatch)
                throw RequestRejectedException.BadRequest("batch_too_large", $"The batch has more than {maxBatch} rows, the limit; send it in several requests.");
            if (reader.TokenType != JsonTokenType.StartArray)
                throw Shape($"inputs[{rows}] must be an array of {inputSize} numbers.");
            if (features.Length < (rows + 1) * inputSize)
                Array.Resize(ref features, Math.Min(features.Length * 2, maxBatch * inputSize));
            ReadRow(ref reader, features.AsSpan(rows * inputSize, inputSize), rows);
            rows++;
        }

        if (rows == 0)
            throw RequestRejectedException.BadRequest("empty_batch", "\"inputs\" has no rows; send at least one.");
        return rows * inputSize == features.Length ? features : features[..(rows * inputSize)];
    }

    private static void ReadRow(ref Utf8JsonReader reader, Span<float> row, int index)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == row.Length)
                throw WrongLength(index, $"more than {row.Length}", row.Length);
            if (reader.TokenType != JsonTokenType.Number)
            {
                var what = reader.TokenType switch
                {
                    JsonTokenType.String => $"the string \"{Truncate(reader.GetString())}\"",
                    JsonTokenType.StartArray => "an array",
                    JsonTokenType.StartObject => "an object",
                    JsonTokenType.True or JsonTokenType.False => "a boolean",
                    JsonTokenType.Null => "null",
                    _ => reader.TokenType.ToString(),
                };
                throw RequestRejectedException.BadRequest("not_a_number", $"inputs[{index}][{count}] is {what}, not a number.");
            }

            if (!reader.TryGetSingle(out var value) || !float.IsFinite(value))
            {
                var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                throw RequestRejectedException.BadRequest("not_finite", $"inputs[{index}][{count}] = {Truncate(text)} is not a finite single-precision number.");
            }

            row[count++] = value;
        }

        if (count != row.Length)
            throw WrongLength(index, count.ToString(CultureInfo.InvariantCulture), row.Length);
    }

    private static RequestRejectedException WrongLength(int index, string count, int expected) =>
        RequestRejectedException.BadRequest("wrong_row_length", $"inputs[{index}] has {count} values; the model takes {expected} (28x28 for MNIST).");

    private static RequestRejectedException Shape(string message) => RequestRejectedException.BadRequest("wrong_shape", message);

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 32 ? text : text[..32] + "...";
}
