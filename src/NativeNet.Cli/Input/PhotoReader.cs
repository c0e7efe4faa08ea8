using StbImageSharp;

namespace NativeNet.Cli.Input;

/// <summary>
/// Reads PNG, JPEG and BMP files (StbImageSharp, pure managed) as a model input: grayscale, scaled to the model's
/// square input (28 × 28 for MNIST) by averaging the source pixels each target pixel covers, values in [0, 1].
/// </summary>
internal static class PhotoReader
{
    /// <summary>The largest image decoded, in pixels (a decompression bomb is refused before decoding).</summary>
    private const long MaxPixels = 1L << 26;

    /// <summary>True for a file that starts with the PNG, JPEG or BMP signature.</summary>
    public static bool IsPhoto(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        return read >= 2 && ((magic[0] == 0x89 && magic[1] == (byte)'P') || (magic[0] == 0xFF && magic[1] == 0xD8) || (magic[0] == (byte)'B' && magic[1] == (byte)'M'));
    }

    public static float[] Read(string path, int inputSize, bool invert)
    {
        int side = (int)Math.Round(Math.Sqrt(inputSize));
        if (side * side != inputSize)
            throw new ShapeMismatchException($"{path}: the model takes {inputSize} features, not a square image; give PGM or IDX inputs of that size.");

        byte[] bytes = File.ReadAllBytes(path);
        ImageInfo? info = ImageInfo.FromStream(new MemoryStream(bytes));
        if (info is not { Width: > 0, Height: > 0 } header || (long)header.Width * header.Height > MaxPixels)
            throw new InvalidFileFormatException($"{path}: not a readable PNG, JPEG or BMP image (or larger than {MaxPixels} pixels).");

        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.Grey);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NotSupportedException)
        {
            throw new InvalidFileFormatException($"{path}: the image could not be decoded ({e.Message}).", e);
        }

        return Scale(image.Data, image.Width, image.Height, side, invert);
    }

    /// <summary>Box filter: each target pixel is the mean of the source pixels whose centres fall in its area.</summary>
    internal static float[] Scale(byte[] gray, int width, int height, int side, bool invert)
    {
        var result = new float[side * side];
        for (int ty = 0; ty < side; ty++)
        {
            int y0 = ty * height / side;
            int y1 = Math.Max(y0 + 1, (ty + 1) * height / side);
            for (int tx = 0; tx < side; tx++)
            {
                int x0 = tx * width / side;
                int x1 = Math.Max(x0 + 1, (tx + 1) * width / side);
                double sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    for (int x = x0; x < x1; x++)
                        sum += gray[(y * width) + x];
                }

                float v = (float)(sum / ((y1 - y0) * (x1 - x0)) / 255.0);
                result[(ty * side) + tx] = invert ? 1 - v : v;
            }
        }

        return result;
    }
}
