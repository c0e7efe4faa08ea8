using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using NativeNet.Cli.Commands;
using NativeNet.Cli.Input;
using NativeNet.Tensors;

namespace NativeNet.Cli.Serving;

/// <summary>
/// <c>POST /predict</c>: reads the body (JSON rows or one image) within the size limit, waits for a session from
/// the pool (or answers 503 when the queue is full), predicts, and answers each row's label and probabilities.
/// Every problem with the request becomes a 4xx with a JSON error naming it; nothing about a request can reach
/// the kernels unchecked.
/// </summary>
internal sealed class PredictEndpoint(SessionPool pool, ServeMetrics metrics, ServeSettings settings, int inputSize, int outputSize, bool outputsProbabilities = false)
{
    /// <summary>Bodies declared up to this many times the limit are read (and dropped) before the 413.</summary>
    private const int DrainFactor = 4;

    private const string SupportedTypes = "application/json, image/png, image/jpeg, image/bmp or image/x-portable-graymap";

    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        float[] features;
        int rows;
        try
        {
            (features, rows) = await ReadInputsAsync(context.Request, aborted).ConfigureAwait(false);
        }
        catch (RequestRejectedException e)
        {
            await ErrorResponses.WriteAsync(context, metrics, e.StatusCode, e.Kind, e.Message).ConfigureAwait(false);
            return;
        }

        var lease = await pool.TryRentAsync(aborted).ConfigureAwait(false);
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorResponses.WriteAsync(context, metrics, StatusCodes.Status503ServiceUnavailable, "queue_full",
                $"All {pool.Size} inference sessions are busy and {settings.MaxQueue} requests are waiting; retry later.").ConfigureAwait(false);
            return;
        }

        var scores = new float[rows * outputSize];
        using (lease)
        {
            lease.Session.Predict(new ReadOnlyTensorView<float>(features, new Shape(rows, inputSize)), new TensorView<float>(scores, new Shape(rows, outputSize)));
        }

        var predictions = new PredictionJson[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = scores.AsSpan(i * outputSize, outputSize);
            // A model that ends in Softmax already answers probabilities: a second softmax would flatten them.
            predictions[i] = new PredictionJson(EvalCommand.ArgMax(row), outputsProbabilities ? Array.ConvertAll(row.ToArray(), v => (double)v) : PredictCommand.Softmax(row));
        }

        metrics.Predictions.Inc(rows);
        await context.Response.WriteAsJsonAsync(new PredictResponse(predictions), ServeJsonContext.Default.PredictResponse, contentType: null, aborted).ConfigureAwait(false);
    }

    private async Task<(float[] Features, int Rows)> ReadInputsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        var kind = mediaType switch
        {
            "application/json" => BodyKind.Json,
            "image/png" or "image/jpeg" or "image/jpg" or "image/bmp" or "image/x-ms-bmp" => BodyKind.Encoded,
            "image/x-portable-graymap" => BodyKind.Pgm,
            null or "" => throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "unsupported_content_type", $"The request has no Content-Type; send {SupportedTypes}."),
            _ => throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "unsupported_content_type", $"Content-Type '{Truncate(request.ContentType!)}' is not supported; send {SupportedTypes}."),
        };

        var (buffer, length) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (kind == BodyKind.Json)
                return (JsonInputs.Parse(buffer.AsSpan(0, length), inputSize, settings.MaxBatch, out var rows), rows);
            if (length == 0)
                throw RequestRejectedException.BadRequest("undecodable_image", "The body is empty; send the image's bytes.");
            return (DecodeImage(kind, buffer.AsSpan(0, length).ToArray()), 1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private float[] DecodeImage(BodyKind kind, byte[] bytes)
    {
        try
        {
            if (kind == BodyKind.Encoded)
                return ImageInputs.Decode(bytes, "the image", inputSize, settings.MaxImageSide);
            var side = ImageGrid.SideOf(inputSize);
            if (side == 0)
                throw new ShapeMismatchException($"The model takes {inputSize} features, not a square image; send JSON rows.");
            var pgm = PgmReader.Parse(bytes, "the image");
            if (pgm.Width > settings.MaxImageSide || pgm.Height > settings.MaxImageSide)
                throw new ImageTooLargeException($"the image is {pgm.Width}x{pgm.Height}; the limit is {settings.MaxImageSide} pixels per side.");
            return ImageGrid.Scale(pgm, side);
        }
        catch (ImageTooLargeException e)
        {
            throw RequestRejectedException.BadRequest("image_too_large", Capitalize(e.Message));
        }
        catch (InvalidFileFormatException e)
        {
            throw RequestRejectedException.BadRequest("undecodable_image", Capitalize(e.Message));
        }
        catch (ShapeMismatchException e)
        {
            throw RequestRejectedException.BadRequest("not_an_image_model", e.Message);
        }
    }

    /// <summary>The body in a pooled buffer; 413 as soon as it is known to be above the limit.</summary>
    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = settings.MaxBodyBytes;
        if (request.ContentLength is long declared && declared > limit)
        {
            // Answering before the body is read would close the connection on unread data, which resets it: the
            // client would see a broken connection instead of the 413. Bodies up to a bound are read and dropped.
            if (declared <= limit * DrainFactor && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = declared;
                await request.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }

            throw TooLarge(declared);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    return (buffer, length);
                length += read;
                if (length > limit)
                    throw TooLarge(null);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private RequestRejectedException TooLarge(long? length) => new(StatusCodes.Status413PayloadTooLarge, "body_too_large",
        length is long n ? $"The body is {n} bytes; the limit is {settings.MaxBodyBytes} bytes." : $"The body is larger than the limit of {settings.MaxBodyBytes} bytes.");

    private static string Capitalize(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";

    private enum BodyKind
    {
        Json,
        Encoded,
        Pgm,
    }
}
