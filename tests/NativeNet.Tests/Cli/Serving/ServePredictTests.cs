using NativeNet.Cli.Input;

namespace NativeNet.Tests.Cli.Serving;

/// <summary><c>POST /predict</c> on a real Kestrel on 127.0.0.1 answers exactly what an <c>InferenceSession</c> predicts.</summary>
public sealed class ServePredictTests
{
    [Fact]
    public async Task Json_rows_get_the_predictions_of_an_inference_session_bit_for_bit()
    {
        await using var server = await TestServer.StartAsync();
        foreach (var count in new[] { 1, 3, 17 })
        {
            var rows = TestServer.RandomRows(count, 784, seed: count);
            using var response = await server.PostAsync(TestServer.Json(rows, 784));
            TestServer.AssertSame(server.Expected(rows), await TestServer.ReadPredictionsAsync(response));
        }
    }

    [Fact]
    public async Task Png_bmp_and_pgm_images_get_the_predictions_of_their_pixels_bit_for_bit()
    {
        await using var server = await TestServer.StartAsync();
        var grey = new byte[784];
        new Random(7).NextBytes(grey);
        var pixels = grey.Select(g => g / 255f).ToArray();
        var expected = server.Expected(pixels);

        var bodies = new (byte[] Body, string Type)[]
        {
            (TestImages.Png(28, 28, grey), "image/png"),
            (TestImages.Bmp(28, 28, grey), "image/bmp"),
            (PgmReader.EncodeBinary(28, 28, pixels), "image/x-portable-graymap"),
            // 56 x 56, each pixel repeated 2 x 2: the box filter brings back exactly the 28 x 28 values.
            (TestImages.Png(56, 56, TestImages.Upscale(grey, 28, 2)), "image/png"),
        };
        foreach (var (body, type) in bodies)
        {
            using var response = await server.PostAsync(body, type);
            TestServer.AssertSame(expected, await TestServer.ReadPredictionsAsync(response));
        }
    }

    [Fact]
    public async Task A_light_digit_on_a_transparent_background_reads_as_ink_on_black()
    {
        // The page's canvas and many drawing tools leave the background transparent: it must count as black.
        var grey = new byte[784];
        for (var i = 0; i < 28; i++)
            grey[(i * 28) + 14] = 255;
        var png = TestImages.Png(28, 28, grey);
        Assert.Equal(ImageInputs.Decode(png, "x", 784, 64), grey.Select(g => g / 255f).ToArray());
        await using var server = await TestServer.StartAsync();
        using var response = await server.PostAsync(png, "image/png");
        TestServer.AssertSame(server.Expected(grey.Select(g => g / 255f).ToArray()), await TestServer.ReadPredictionsAsync(response));
    }
}
