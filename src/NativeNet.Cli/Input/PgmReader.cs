using System.Text;

namespace NativeNet.Cli.Input;

/// <summary>
/// Reads a greyscale Netpbm image (PGM): <c>P2</c> (ASCII) or <c>P5</c> (binary), with <c>#</c> comments in the
/// header, max value 1 to 65535 (two big-endian bytes per pixel above 255). Anything else is rejected with an
/// <see cref="InvalidFileFormatException"/> naming the file and the problem.
/// </summary>
internal static class PgmReader
{
    /// <summary>Larger images are refused before any pixel is read.</summary>
    public const int MaxSide = 16384;

    /// <summary>Reads the file at <paramref name="path"/>; see <see cref="Parse"/>.</summary>
    public static PgmImage Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>The image as intensities in [0, 1] (pixel / max value), row-major.</summary>
    public static PgmImage Parse(ReadOnlySpan<byte> bytes, string sourceName)
    {
        if (bytes.Length < 2 || bytes[0] != (byte)'P' || (bytes[1] != (byte)'2' && bytes[1] != (byte)'5'))
            throw new InvalidFileFormatException($"{sourceName}: not a PGM image (expected the magic number P2 or P5).");
        var binary = bytes[1] == (byte)'5';
        var position = 2;

        var width = ReadHeaderNumber(bytes, ref position, sourceName, "width");
        var height = ReadHeaderNumber(bytes, ref position, sourceName, "height");
        var maxValue = ReadHeaderNumber(bytes, ref position, sourceName, "max value");
        if (width < 1 || height < 1 || width > MaxSide || height > MaxSide)
            throw new InvalidFileFormatException($"{sourceName}: image size {width}x{height} is out of range (1 to {MaxSide} per side).");
        if (maxValue < 1 || maxValue > 65535)
            throw new InvalidFileFormatException($"{sourceName}: max value {maxValue} is out of range (1 to 65535).");

        var pixels = new float[width * height];
        if (binary)
        {
            // Exactly one whitespace byte separates the header from the raster.
            if (position >= bytes.Length || !IsWhitespace(bytes[position]))
                throw new InvalidFileFormatException($"{sourceName}: missing whitespace after the PGM header.");
            position++;
            var bytesPerPixel = maxValue > 255 ? 2 : 1;
            var expected = (long)pixels.Length * bytesPerPixel;
            if (bytes.Length - position != expected)
                throw new InvalidFileFormatException($"{sourceName}: the raster has {bytes.Length - position} bytes, {width}x{height} pixels need {expected}.");
            for (var i = 0; i < pixels.Length; i++)
            {
                var value = bytesPerPixel == 1 ? bytes[position + i] : (bytes[position + 2 * i] << 8) | bytes[position + 2 * i + 1];
                pixels[i] = Scale(value, maxValue, sourceName, i);
            }
        }
        else
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                var value = ReadNumber(bytes, ref position);
                if (value < 0)
                    throw new InvalidFileFormatException($"{sourceName}: the image ends after {i} of {pixels.Length} pixels, or pixel {i} is not a number.");
                pixels[i] = Scale(value, maxValue, sourceName, i);
            }

            SkipWhitespaceAndComments(bytes, ref position);
            if (position < bytes.Length)
                throw new InvalidFileFormatException($"{sourceName}: unexpected data after the last of {pixels.Length} pixels.");
        }

        return new PgmImage(width, height, pixels);
    }

    /// <summary>Writes an 8-bit binary PGM (P5) of intensities in [0, 1]; used by tests and to export samples.</summary>
    public static byte[] EncodeBinary(int width, int height, ReadOnlySpan<float> pixels)
    {
        var header = Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n");
        var bytes = new byte[header.Length + width * height];
        header.CopyTo(bytes, 0);
        for (var i = 0; i < width * height; i++)
            bytes[header.Length + i] = (byte)Math.Clamp(MathF.Round(pixels[i] * 255), 0, 255);
        return bytes;
    }

    private static float Scale(int value, int maxValue, string sourceName, int index)
    {
        if (value > maxValue)
            throw new InvalidFileFormatException($"{sourceName}: pixel {index} is {value}, above the max value {maxValue}.");
        return (float)value / maxValue;
    }

    private static int ReadHeaderNumber(ReadOnlySpan<byte> bytes, ref int position, string sourceName, string what)
    {
        // Header fields are separated by whitespace or a comment: "P5 28 28 255" but not "P528".
        if (position < bytes.Length && !IsWhitespace(bytes[position]) && bytes[position] != (byte)'#')
            throw new InvalidFileFormatException($"{sourceName}: malformed PGM header before the {what}.");
        var value = ReadNumber(bytes, ref position);
        if (value < 0)
            throw new InvalidFileFormatException($"{sourceName}: malformed PGM header: the {what} is missing or not a number.");
        return value;
    }

    /// <summary>Skips whitespace and comments, then reads a non-negative decimal; −1 if none is there, it overflows or runs into other text.</summary>
    private static int ReadNumber(ReadOnlySpan<byte> bytes, ref int position)
    {
        SkipWhitespaceAndComments(bytes, ref position);
        var start = position;
        long value = 0;
        while (position < bytes.Length && bytes[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = value * 10 + (bytes[position] - '0');
            if (value > int.MaxValue)
                return -1;
            position++;
        }

        if (position == start || (position < bytes.Length && !IsWhitespace(bytes[position]) && bytes[position] != (byte)'#'))
            return -1;
        return (int)value;
    }

    private static void SkipWhitespaceAndComments(ReadOnlySpan<byte> bytes, ref int position)
    {
        while (position < bytes.Length)
        {
            if (IsWhitespace(bytes[position]))
            {
                position++;
            }
            else if (bytes[position] == (byte)'#')
            {
                while (position < bytes.Length && bytes[position] != (byte)'\n' && bytes[position] != (byte)'\r')
                    position++;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';
}

/// <summary>A greyscale image with intensities in [0, 1], row-major.</summary>
internal sealed record PgmImage(int Width, int Height, float[] Pixels);
