using NativeNet.Data;

namespace NativeNet.Tests.Data;

public class IdxReaderTests
{
    public enum Source
    {
        Seekable,
        NonSeekable,
        Trickle,
        Gzip,
        GzipTrickle,
    }

    private static IdxArray ReadVia(Source source, byte[] raw, string name = "test.idx", int expectedRank = IdxReader.AnyRank, long maxPayloadBytes = IdxReader.DefaultMaxPayloadBytes)
    {
        Stream stream = source switch
        {
            Source.Seekable => new MemoryStream(raw),
            Source.NonSeekable => new TrickleStream(raw),
            Source.Trickle => new TrickleStream(raw, maxChunk: 3),
            Source.Gzip => new MemoryStream(IdxTestFiles.Gzip(raw)),
            Source.GzipTrickle => new TrickleStream(IdxTestFiles.Gzip(raw), maxChunk: 5),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        using (stream)
        {
            return IdxReader.Read(stream, name, expectedRank, maxPayloadBytes);
        }
    }

    public static TheoryData<Source> AllSources() => [Source.Seekable, Source.NonSeekable, Source.Trickle, Source.Gzip, Source.GzipTrickle];

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Round_trips_images_of_any_size(Source source)
    {
        byte[] file = IdxTestFiles.Images(3, 4, 5, (n, r, c) => (byte)((n * 37) + (r * 11) + c));
        IdxArray array = ReadVia(source, file, expectedRank: 3);
        Assert.Equal([3, 4, 5], array.Dimensions);
        Assert.Equal(3, array.Count);
        Assert.Equal(20, array.ItemLength);
        Assert.Equal(file.AsSpan(16).ToArray(), array.Data);
        Assert.Equal((byte)((2 * 37) + (3 * 11) + 4), array.Data[(2 * 20) + (3 * 5) + 4]);
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Round_trips_labels_and_larger_than_one_chunk(Source source)
    {
        var labels = new byte[200_003];
        new Random(5).NextBytes(labels);
        IdxArray array = ReadVia(source, IdxTestFiles.Build([labels.Length], labels), expectedRank: 1);
        Assert.Equal([labels.Length], array.Dimensions);
        Assert.Equal(labels, array.Data);
    }

    [Fact]
    public void Reads_files_raw_and_gzip_detecting_by_content_not_extension()
    {
        byte[] raw = IdxTestFiles.Images(2, 3, 3, (n, r, c) => (byte)(n + r + c));
        string folder = Directory.CreateTempSubdirectory("nativenet-idx-").FullName;
        try
        {
            string rawWithGzName = Path.Combine(folder, "raw.gz");
            string gzipWithoutExtension = Path.Combine(folder, "compressed");
            File.WriteAllBytes(rawWithGzName, raw);
            File.WriteAllBytes(gzipWithoutExtension, IdxTestFiles.Gzip(raw));
            Assert.Equal(raw.AsSpan(16).ToArray(), IdxReader.Read(rawWithGzName).Data);
            Assert.Equal(raw.AsSpan(16).ToArray(), IdxReader.Read(gzipWithoutExtension).Data);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Reads_from_the_current_position_of_a_seekable_stream()
    {
        byte[] file = IdxTestFiles.Labels(1, 2, 3);
        byte[] withPrefix = [9, 9, 9, .. file];
        using var stream = new MemoryStream(withPrefix);
        stream.Position = 3;
        Assert.Equal([1, 2, 3], IdxReader.Read(stream, "x").Data);
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Truncated_payload_is_rejected_with_file_name_and_sizes(Source source)
    {
        byte[] file = IdxTestFiles.Images(10, 28, 28, (n, r, c) => 1);
        byte[] truncated = file.AsSpan(0, 16 + 1234).ToArray();
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, truncated, "t10k-images-idx3-ubyte.gz"));
        Assert.Equal("t10k-images-idx3-ubyte.gz: truncated: header declares 10x28x28 = 7840 bytes, found 1234", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(11)]
    public void Truncated_header_is_rejected(int length)
    {
        byte[] file = IdxTestFiles.Images(1, 2, 2, (n, r, c) => 0);
        foreach (Source source in new[] { Source.Seekable, Source.Trickle, Source.Gzip })
        {
            var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file.AsSpan(0, length).ToArray(), "short.idx"));
            Assert.StartsWith("short.idx: truncated header", e.Message);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x00, 0x08, 0x01 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x08, 0x01 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })] // a zip file
    public void Wrong_magic_is_rejected(byte[] magic)
    {
        byte[] file = IdxTestFiles.Labels(1, 2);
        magic.CopyTo(file, 0);
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(Source.Seekable, file, "labels"));
        Assert.Contains("not an IDX file", e.Message);
    }

    [Theory]
    [InlineData(0x09, "signed byte")]
    [InlineData(0x0B, "int16")]
    [InlineData(0x0C, "int32")]
    [InlineData(0x0D, "float32")]
    [InlineData(0x0E, "float64")]
    [InlineData(0x42, "unknown type")]
    public void Unsupported_element_type_is_rejected_by_name(byte elementType, string typeName)
    {
        byte[] file = IdxTestFiles.Build([2], [1, 2], elementType);
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(Source.Seekable, file, "f.idx"));
        Assert.Contains($"unsupported element type 0x{elementType:X2} ({typeName})", e.Message);
    }

    [Fact]
    public void Zero_rank_is_rejected()
    {
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(Source.Seekable, [0, 0, 8, 0, 1, 2, 3], "f"));
        Assert.Contains("zero dimensions", e.Message);
    }

    [Fact]
    public void Unexpected_rank_is_rejected()
    {
        byte[] labels = IdxTestFiles.Labels(1, 2, 3);
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(Source.Seekable, labels, "train-labels", expectedRank: 3));
        Assert.Equal("train-labels: expected 3 dimension(s) (magic 0x00000803), found 1 (magic 0x00000801)", e.Message);
    }

    [Theory]
    [InlineData(0, 28, 28)]
    [InlineData(5, 0, 28)]
    [InlineData(5, 28, -1)]
    [InlineData(int.MinValue, 28, 28)]
    public void Zero_or_negative_dimensions_are_rejected(int count, int rows, int columns)
    {
        byte[] file = IdxTestFiles.Build([count, rows, columns], new byte[100]);
        foreach (Source source in new[] { Source.Seekable, Source.Trickle, Source.Gzip })
        {
            var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file, "f"));
            Assert.Contains("every dimension must be positive", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Trailing_bytes_are_rejected(Source source)
    {
        byte[] file = [.. IdxTestFiles.Labels(1, 2, 3), 0];
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file, "labels"));
        Assert.Contains("trailing", e.Message);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(20, true)]
    [InlineData(200_000, true)]
    [InlineData(200_000, false)] // beyond GZipStream's read-ahead, so visible on a stream that cannot seek
    public void Bytes_after_the_end_of_the_gzip_stream_are_rejected(int garbageLength, bool seekable)
    {
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.Labels(1, 2, 3));
        byte[] file = [.. gzip, .. new byte[garbageLength]];
        using Stream stream = seekable ? new MemoryStream(file) : new TrickleStream(file);
        var e = Assert.Throws<InvalidFileFormatException>(() => IdxReader.Read(stream, "padded.gz"));
        Assert.StartsWith("padded.gz: trailing data after the end of the gzip stream", e.Message);
    }

    [Fact]
    public void Gzip_garbage_is_rejected()
    {
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.Images(4, 8, 8, (n, r, c) => (byte)(r * c)));
        byte[] garbage = [0x1F, 0x8B, .. new byte[40].Select((_, i) => (byte)(i * 97))];
        byte[] corrupt = (byte[])gzip.Clone();
        for (int i = 12; i < corrupt.Length - 8; i += 3)
        {
            corrupt[i] ^= 0x5A;
        }

        foreach (byte[] file in new[] { garbage, corrupt, gzip.AsSpan(0, gzip.Length / 2).ToArray(), [0x1F, 0x8B] })
        {
            var e = Assert.Throws<InvalidFileFormatException>(() => IdxReader.Read(new MemoryStream(file), "x.gz"));
            Assert.StartsWith("x.gz: ", e.Message);
        }
    }

    [Fact]
    public void Payload_above_the_caller_limit_is_rejected()
    {
        byte[] file = IdxTestFiles.Build([10, 10], new byte[100]);
        Assert.Equal(100, ReadVia(Source.Seekable, file, maxPayloadBytes: 100).Data.Length);
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(Source.Seekable, file, "f", maxPayloadBytes: 99));
        Assert.Equal("f: header declares 10x10 elements, more than the limit of 99 bytes", e.Message);
    }

    [Fact]
    public void Dimension_product_overflowing_any_integer_is_rejected()
    {
        int[] huge = [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue];
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(Source.Seekable, IdxTestFiles.Build(huge, []), "f"));
        Assert.Contains("more than the limit", e.Message);
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Header_declaring_ten_to_the_twelve_bytes_fails_without_allocating(Source source)
    {
        // 10^6 images of 1000 x 1000 pixels, and no payload at all.
        byte[] file = IdxTestFiles.Build([1_000_000, 1000, 1000], []);
        Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("1000000x1000x1000", e.Message);
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [MemberData(nameof(AllSources))]
    public void Header_lying_within_the_limit_allocates_only_what_arrives(Source source)
    {
        // Declares 1 000 000 x 28 x 28 = 784 MB (under the 2 GB limit) but carries 10 bytes.
        byte[] file = IdxTestFiles.Build([1_000_000, 28, 28], new byte[10]);
        Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidFileFormatException>(() => ReadVia(source, file, "lie.idx"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("lie.idx: truncated: header declares 1000000x28x28 = 784000000 bytes, found 10", e.Message);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        byte[] file = IdxTestFiles.Labels(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.Read(new MemoryStream(file), "f", maxPayloadBytes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.Read(new MemoryStream(file), "f", expectedRank: -1));
        Assert.Throws<ArgumentNullException>(() => IdxReader.Read((Stream)null!, "f"));
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(Path.Combine(Path.GetTempPath(), "nativenet-no-such-file.idx")));
    }

    [Fact]
    public void IdxArray_checks_that_data_matches_dimensions()
    {
        Assert.Throws<ShapeMismatchException>(() => new IdxArray([2, 3], new byte[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdxArray([0], []));
        Assert.Equal("2x3", IdxArray.FormatDimensions([2, 3]));
    }
}
