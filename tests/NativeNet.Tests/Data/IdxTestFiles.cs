using System.Buffers.Binary;
using System.IO.Compression;

namespace NativeNet.Tests.Data;

/// <summary>Builds IDX files byte by byte, independently of the reader under test.</summary>
internal static class IdxTestFiles
{
    public const byte UnsignedByte = 0x08;

    /// <summary>An IDX file: magic 0x0000 type rank, big-endian dimensions, then the payload as given.</summary>
    public static byte[] Build(int[] dimensions, byte[] payload, byte elementType = UnsignedByte)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + payload.Length];
        bytes[2] = elementType;
        bytes[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        payload.CopyTo(bytes, 4 + (4 * dimensions.Length));
        return bytes;
    }

    /// <summary>Images file (magic 2051) with pixels computed by <paramref name="pixel"/>(image, row, column).</summary>
    public static byte[] Images(int count, int rows, int columns, Func<int, int, int, byte> pixel)
    {
        var payload = new byte[count * rows * columns];
        for (int n = 0; n < count; n++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    payload[(n * rows * columns) + (r * columns) + c] = pixel(n, r, c);
                }
            }
        }

        return Build([count, rows, columns], payload);
    }

    /// <summary>Labels file (magic 2049).</summary>
    public static byte[] Labels(params byte[] labels) => Build([labels.Length], labels);

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>A read-only stream that cannot seek and returns at most <c>maxChunk</c> bytes per read, like a socket.</summary>
internal sealed class TrickleStream(byte[] data, int maxChunk = int.MaxValue) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, maxChunk), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
