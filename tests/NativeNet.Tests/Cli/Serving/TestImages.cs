using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NativeNet.Tests.Cli.Serving;

/// <summary>Minimal lossless encoders for test images: 8-bit greyscale PNG and 24-bit BMP.</summary>
internal static class TestImages
{
    public static byte[] Png(int width, int height, ReadOnlySpan<byte> grey)
    {
        var raw = new byte[height * (width + 1)];
        for (var y = 0; y < height; y++)
            grey.Slice(y * width, width).CopyTo(raw.AsSpan((y * (width + 1)) + 1)); // filter byte 0 (none) per row
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(raw);

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, filter 0, no interlace
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Bmp(int width, int height, ReadOnlySpan<byte> grey)
    {
        var stride = ((width * 3) + 3) & ~3;
        var bytes = new byte[54 + (stride * height)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height); // positive: rows bottom-up
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * stride);
            for (var x = 0; x < width; x++)
                bytes[row + (3 * x)] = bytes[row + (3 * x) + 1] = bytes[row + (3 * x) + 2] = grey[(y * width) + x];
        }

        return bytes;
    }

    /// <summary>Each pixel repeated <paramref name="factor"/> × <paramref name="factor"/> times.</summary>
    public static byte[] Upscale(ReadOnlySpan<byte> grey, int side, int factor)
    {
        var big = new byte[side * side * factor * factor];
        for (var y = 0; y < side * factor; y++)
        {
            for (var x = 0; x < side * factor; x++)
                big[(y * side * factor) + x] = grey[((y / factor) * side) + (x / factor)];
        }

        return big;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }
}
