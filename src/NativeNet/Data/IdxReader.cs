using System.Buffers.Binary;
using System.IO.Compression;

namespace NativeNet.Data;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed, with strict validation.
/// </summary>
/// <remarks>
/// <para>
/// Layout: a big-endian int32 magic <c>0x0000TTNN</c> (<c>TT</c> the element type, <c>NN</c> the number of
/// dimensions), then <c>NN</c> big-endian int32 dimensions, then the product of the dimensions in elements,
/// row-major. Only element type <c>0x08</c> (unsigned byte) is supported: MNIST images are
/// <c>0x00000803</c> (2051) and labels <c>0x00000801</c> (2049).
/// </para>
/// <para>
/// Gzip is detected from the content (the bytes <c>1F 8B</c>), never from the file extension; an IDX
/// magic always starts with two zero bytes, so the two cannot be confused.
/// </para>
/// <para>
/// The header is untrusted: every dimension must be positive and their product must fit in both
/// <see cref="Array.MaxLength"/> and the caller's byte limit, checked before anything proportional to it
/// is allocated. The payload buffer then grows only as data actually arrives (or is sized from the
/// known remaining length of a raw seekable stream), so a header claiming 10^12 bytes costs nothing.
/// A file must hold exactly the declared payload: missing bytes (truncation) and extra bytes after it
/// (trailing data, in the IDX content or after the end of the gzip stream) are both rejected, because
/// either means the file is not what its header says.
/// Every format problem raises <see cref="InvalidFileFormatException"/> whose message starts with the
/// file name.
/// </para>
/// </remarks>
public static class IdxReader
{
    /// <summary>The default upper bound on the payload a header may declare: 2^31 - 1 bytes.</summary>
    public const long DefaultMaxPayloadBytes = int.MaxValue;

    /// <summary>Pass as <c>expectedRank</c> to accept any number of dimensions.</summary>
    public const int AnyRank = 0;

    /// <summary>Element type byte of unsigned 8-bit data, the only one supported.</summary>
    public const byte UnsignedByteType = 0x08;

    // First reads are small and the buffer doubles from here; large enough to make the copies negligible.
    private const int InitialChunkBytes = 1 << 16;
    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    /// <summary>Reads an IDX file, raw or gzip-compressed.</summary>
    /// <param name="path">The file; error messages name it as given.</param>
    /// <param name="expectedRank">The number of dimensions the caller needs (3 for images, 1 for labels), or <see cref="AnyRank"/>.</param>
    /// <param name="maxPayloadBytes">Largest payload accepted; a header declaring more is rejected before allocating.</param>
    /// <returns>The dimensions and the payload.</returns>
    /// <exception cref="InvalidFileFormatException">The content is not a valid IDX file of unsigned bytes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxArray Read(string path, int expectedRank = AnyRank, long maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            // Checked here so a missing folder is reported like a missing file, not as DirectoryNotFoundException.
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream, path, expectedRank, maxPayloadBytes);
    }

    /// <summary>Reads one IDX file, raw or gzip-compressed, from the current position to the end of a stream.</summary>
    /// <param name="stream">The source; read to its end, not disposed.</param>
    /// <param name="sourceName">How error messages name the source (a file name).</param>
    /// <param name="expectedRank">The number of dimensions the caller needs, or <see cref="AnyRank"/>.</param>
    /// <param name="maxPayloadBytes">Largest payload accepted; a header declaring more is rejected before allocating.</param>
    /// <returns>The dimensions and the payload.</returns>
    /// <exception cref="InvalidFileFormatException">The content is not a valid IDX file of unsigned bytes.</exception>
    public static IdxArray Read(Stream stream, string sourceName, int expectedRank = AnyRank, long maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRank);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedRank, byte.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        // Measured before sniffing: the sniffed bytes are handed back through the prefix stream.
        long start = stream.CanSeek ? stream.Position : -1;
        long remaining = stream.CanSeek ? stream.Length - start : -1;
        Span<byte> sniff = stackalloc byte[2];
        int sniffed = stream.ReadAtLeast(sniff, sniff.Length, throwOnEndOfStream: false);
        byte[] prefix = sniff[..sniffed].ToArray();
        if (sniffed == 2 && sniff[0] == GzipMagic0 && sniff[1] == GzipMagic1)
        {
            IdxArray array;
            try
            {
                using var gzip = new GZipStream(new PrefixedReadStream(prefix, stream), CompressionMode.Decompress, leaveOpen: true);
                array = ReadDecoded(gzip, sourceName, expectedRank, maxPayloadBytes, knownRemainingBytes: -1);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidFileFormatException($"{sourceName}: corrupt gzip data: {e.Message}", e);
            }

            CheckNothingAfterGzip(stream, sourceName, start, remaining, 4 + (4L * array.Dimensions.Length) + array.Data.Length);
            return array;
        }

        return ReadDecoded(new PrefixedReadStream(prefix, stream), sourceName, expectedRank, maxPayloadBytes, remaining);
    }

    /// <summary>
    /// Parses the header and payload from a stream of uncompressed IDX bytes. <c>knownRemainingBytes</c> is
    /// the byte count from the header's start to the end when known (a raw seekable source), else -1.
    /// </summary>
    private static IdxArray ReadDecoded(Stream decoded, string sourceName, int expectedRank, long maxPayloadBytes, long knownRemainingBytes)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = decoded.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (got < magic.Length)
        {
            throw Invalid(sourceName, $"truncated header: the 4-byte magic number is missing (found {got} bytes)");
        }

        uint magicValue = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Invalid(sourceName, $"not an IDX file: magic 0x{magicValue:X8} does not start with two zero bytes (expected 0x00000803 for images or 0x00000801 for labels)");
        }

        byte elementType = magic[2];
        if (elementType != UnsignedByteType)
        {
            throw Invalid(sourceName, $"unsupported element type 0x{elementType:X2} ({DescribeType(elementType)}) in magic 0x{magicValue:X8}; only 0x08 (unsigned byte) is supported");
        }

        int rank = magic[3];
        if (rank == 0)
        {
            throw Invalid(sourceName, $"magic 0x{magicValue:X8} declares zero dimensions");
        }

        if (expectedRank != AnyRank && rank != expectedRank)
        {
            throw Invalid(sourceName, $"expected {expectedRank} dimension(s) (magic 0x{0x0800 | expectedRank:X8}), found {rank} (magic 0x{magicValue:X8})");
        }

        Span<byte> dimensionBytes = stackalloc byte[4 * byte.MaxValue];
        dimensionBytes = dimensionBytes[..(4 * rank)];
        got = decoded.ReadAtLeast(dimensionBytes, dimensionBytes.Length, throwOnEndOfStream: false);
        if (got < dimensionBytes.Length)
        {
            throw Invalid(sourceName, $"truncated header: {rank} dimension(s) need {dimensionBytes.Length} bytes, found {got}");
        }

        var dimensions = new int[rank];
        long limit = Math.Min(maxPayloadBytes, Array.MaxLength);
        long payloadBytes = 1;
        bool tooLarge = false;
        for (int i = 0; i < rank; i++)
        {
            int dimension = BinaryPrimitives.ReadInt32BigEndian(dimensionBytes[(4 * i)..]);
            if (dimension <= 0)
            {
                throw Invalid(sourceName, $"dimension {i} is {dimension}; every dimension must be positive");
            }

            dimensions[i] = dimension;

            // Both factors are below 2^31 and the running product is at most the limit (< 2^31) until it
            // exceeds it, so the multiplication cannot overflow a long.
            if (!tooLarge)
            {
                payloadBytes *= dimension;
                tooLarge = payloadBytes > limit;
            }
        }

        string shape = IdxArray.FormatDimensions(dimensions);
        if (tooLarge)
        {
            throw Invalid(sourceName, $"header declares {shape} elements, more than the limit of {limit} bytes");
        }

        long headerBytes = 4 + (4L * rank);
        if (knownRemainingBytes >= 0)
        {
            long available = knownRemainingBytes - headerBytes;
            if (available < payloadBytes)
            {
                throw Invalid(sourceName, $"truncated: header declares {shape} = {payloadBytes} bytes, found {available}");
            }

            if (available > payloadBytes)
            {
                throw Invalid(sourceName, $"{available - payloadBytes} trailing byte(s) after the {shape} = {payloadBytes} bytes the header declares");
            }
        }

        byte[] data = ReadPayload(decoded, (int)payloadBytes, sourceName, shape, knownRemainingBytes >= 0);
        return new IdxArray(dimensions, data);
    }

    /// <summary>
    /// Reads exactly <paramref name="payloadBytes"/> bytes and checks the source ends there. Unless the size
    /// was confirmed against the stream length, the buffer starts small and doubles (capped at the declared
    /// size) only when full, so memory tracks the bytes that really arrived.
    /// </summary>
    private static byte[] ReadPayload(Stream decoded, int payloadBytes, string sourceName, string shape, bool sizeConfirmed)
    {
        byte[] buffer = new byte[sizeConfirmed ? payloadBytes : Math.Min(payloadBytes, InitialChunkBytes)];
        int filled = 0;
        while (filled < payloadBytes)
        {
            if (filled == buffer.Length)
            {
                int grown = (int)Math.Min(payloadBytes, 2L * buffer.Length);
                Array.Resize(ref buffer, grown);
            }

            int n = decoded.Read(buffer, filled, buffer.Length - filled);
            if (n == 0)
            {
                throw Invalid(sourceName, $"truncated: header declares {shape} = {payloadBytes} bytes, found {filled}");
            }

            filled += n;
        }

        Span<byte> probe = stackalloc byte[1];
        if (decoded.Read(probe) != 0)
        {
            throw Invalid(sourceName, $"trailing data after the {shape} = {payloadBytes} bytes the header declares");
        }

        return buffer;
    }

    /// <summary>
    /// GZipStream silently ignores bytes after the last gzip member when they do not start another member,
    /// so trailing garbage is checked here: nothing may be left unread in the source, and on a seekable
    /// source the file's last 4 bytes must be the gzip trailer's ISIZE, the uncompressed length mod 2^32.
    /// (A multi-member gzip file fails the second check; they are not supported.)
    /// </summary>
    private static void CheckNothingAfterGzip(Stream source, string sourceName, long start, long compressedLength, long decompressedLength)
    {
        Span<byte> probe = stackalloc byte[4];
        if (source.Read(probe[..1]) != 0)
        {
            throw Invalid(sourceName, "trailing data after the end of the gzip stream");
        }

        if (start < 0 || compressedLength < probe.Length)
        {
            return;
        }

        source.Seek(start + compressedLength - probe.Length, SeekOrigin.Begin);
        source.ReadExactly(probe);
        uint storedSize = BinaryPrimitives.ReadUInt32LittleEndian(probe);
        if (storedSize != (uint)decompressedLength)
        {
            throw Invalid(sourceName, $"trailing data after the end of the gzip stream (the file does not end with the gzip size field {(uint)decompressedLength}; multi-member gzip files are not supported)");
        }
    }

    private static InvalidFileFormatException Invalid(string sourceName, string problem)
    {
        return new InvalidFileFormatException($"{sourceName}: {problem}");
    }

    private static string DescribeType(byte elementType)
    {
        return elementType switch
        {
            0x09 => "signed byte",
            0x0B => "int16",
            0x0C => "int32",
            0x0D => "float32",
            0x0E => "float64",
            _ => "unknown type",
        };
    }
}
