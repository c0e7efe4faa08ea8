using StbImageSharp;

namespace NativeNet.Cli.Input;

/// <summary>
/// PNG, JPEG and BMP images (decoded by StbImageSharp, managed code) as greyscale intensities in [0, 1]:
/// grey value / 255, with transparent pixels counting as black (a digit drawn on a transparent canvas is
/// ink on black, as in MNIST). <see cref="ImageGrid"/> then scales them to the model's 28 × 28.
/// </summary>
internal static class EncodedImage
{
    /// <summary>Whether <paramref name="bytes"/> start like a PNG, JPEG or BMP file.</summary>
    public static bool IsSupported(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || bytes.StartsWith("BM"u8);

    /// <summary>Decodes the image; refuses other formats, corrupt data and sides above <paramref name="maxSide"/> before decoding pixels.</summary>
    /// <exception cref="InvalidFileFormatException">Not a PNG, JPEG or BMP, corrupt, or too large.</exception>
    public static PgmImage Decode(byte[] bytes, string sourceName, int maxSide)
    {
        if (!IsSupported(bytes))
            throw new InvalidFileFormatException($"{sourceName}: not a PNG, JPEG or BMP image.");
        ImageInfo? info;
        try
        {
            using var header = new MemoryStream(bytes, writable: false);
            info = ImageInfo.FromStream(header);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidFileFormatException($"{sourceName}: the image header cannot be read ({e.Message}).");
        }

        if (info is not { Width: > 0, Height: > 0 } size)
            throw new InvalidFileFormatException($"{sourceName}: the image header cannot be read.");
        if (size.Width > maxSide || size.Height > maxSide)
            throw new ImageTooLargeException($"{sourceName}: the image is {size.Width}x{size.Height}; the limit is {maxSide} pixels per side.");

        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.GreyAlpha);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidFileFormatException($"{sourceName}: the image cannot be decoded ({e.Message}).");
        }

        if (image.Width != size.Width || image.Height != size.Height || image.Data.Length < 2L * size.Width * size.Height)
            throw new InvalidFileFormatException($"{sourceName}: the image cannot be decoded (truncated data).");
        var pixels = new float[size.Width * size.Height];
        var data = image.Data;
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = data[2 * i] * data[(2 * i) + 1] / (255f * 255f);
        return new PgmImage(size.Width, size.Height, pixels);
    }
}

/// <summary>An image whose sides are above the limit; refused before its pixels are decoded.</summary>
internal sealed class ImageTooLargeException(string message) : IOException(message);
