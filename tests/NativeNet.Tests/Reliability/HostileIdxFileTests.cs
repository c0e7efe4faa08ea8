using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Data;
using NativeNet.Tests.Data;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Damaged and forged IDX files, raw and gzip, from seekable and trickling streams, from disk, and through
/// the MNIST loader: every case gives consistent data or <see cref="InvalidFileFormatException"/>, and no case
/// allocates by what a header claims (10^12 images cost nothing).
/// </summary>
public sealed class HostileIdxFileTests : IDisposable
{
    /// <summary>What reading a file of at most a few kilobytes may allocate (the reader's first 64 KiB chunk, gzip state, the data).</summary>
    private const long MaxAllocatedBytes = 1 << 20;

    private static readonly Gen<byte[]> _validFiles =
        from rank in Gen.Choose(1, 3)
        from dimensions in Gen.ArrayOf(Gen.Choose(1, 6), rank)
        from payload in Gen.ArrayOf(HostileInputs.Bytes, dimensions.Aggregate(1, (a, b) => a * b))
        select IdxTestFiles.Build(dimensions, payload);

    /// <summary>Dimensions whose product is far beyond any payload here, up to 2^31 x 28 x 28 (about 1.7·10^12 bytes).</summary>
    private static readonly Gen<int[]> _hugeDimensions = Gen.OneOf(
        Gen.Constant(new[] { int.MaxValue, 28, 28 }),
        Gen.Constant(new[] { 1_000_000, 1_000_000 }),
        Gen.Constant(new[] { 60_000, 28, 28 }),
        Gen.Constant(new[] { 1 << 30 }),
        Gen.Choose(1, 4).SelectMany(rank => Gen.ArrayOf(HostileInputs.HostileInts, rank)));

    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-hostile-idx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Property(MaxTest = 2000, Replay = "201,11400714819323198485")]
    public Property Damaged_files_read_consistently_or_throw_InvalidFileFormatException()
    {
        var cases =
            from file in _validFiles
            from gzip in Gen.Elements(true, false)
            from damaged in HostileInputs.Mutate(gzip ? IdxTestFiles.Gzip(file) : file)
            from seekable in Gen.Elements(true, false)
            select (damaged, seekable);
        return HostileInputs.ForAll(cases, c => Read(c.damaged, c.seekable), MaxAllocatedBytes);
    }

    [Property(MaxTest = 1500, Replay = "202,11400714819323198485")]
    public Property Headers_declaring_huge_dimensions_are_rejected_without_allocating_them()
    {
        var cases =
            from dimensions in _hugeDimensions
            from payload in Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(HostileInputs.Bytes, n))
            from gzip in Gen.Elements(true, false)
            from seekable in Gen.Elements(true, false)
            let file = IdxTestFiles.Build(dimensions, payload)
            select (gzip ? IdxTestFiles.Gzip(file) : file, seekable);
        return HostileInputs.ForAll(cases, c => Read(c.Item1, c.seekable), MaxAllocatedBytes);
    }

    [Property(MaxTest = 1500, Replay = "203,11400714819323198485")]
    public Property Damaged_image_and_label_pairs_load_consistently_or_throw_InvalidFileFormatException()
    {
        var cases =
            from count in Gen.Choose(1, 4)
            from side in Gen.Choose(1, 4)
            from pixels in Gen.ArrayOf(HostileInputs.Bytes, count * side * side)
            from labels in Gen.ArrayOf(Gen.Choose(0, 11).Select(l => (byte)l), count)
            let images = IdxTestFiles.Build([count, side, side], pixels)
            from damageImages in Gen.Elements(true, false)
            from damaged in HostileInputs.Mutate(damageImages ? images : IdxTestFiles.Labels(labels))
            select damageImages ? (damaged, IdxTestFiles.Labels(labels)) : (images, damaged);
        return HostileInputs.ForAll(
            cases,
            pair =>
            {
                try
                {
                    var set = MnistLoader.LoadSet<float>(new MemoryStream(pair.Item1), new MemoryStream(pair.Item2));
                    Assert.Equal(set.Count * set.FeatureCount, set.Features.Length);
                    Assert.All(set.Labels, label => Assert.InRange(label, 0, 9));
                }
                catch (InvalidFileFormatException)
                {
                }
            },
            MaxAllocatedBytes);
    }

    [Property(MaxTest = 500, Replay = "204,11400714819323198485")]
    public Property Random_and_damaged_files_on_disk_read_consistently_or_throw_InvalidFileFormatException()
    {
        string path = Path.Combine(_directory, "hostile-idx3-ubyte");
        Gen<byte[]> prefixes = Gen.Elements<byte[]>([], [0, 0, 8, 1], [0, 0, 8, 3], [0x1F, 0x8B]);
        var cases = Gen.OneOf(
            from prefix in prefixes from tail in Gen.Choose(0, 200).SelectMany(n => Gen.ArrayOf(HostileInputs.Bytes, n)) select (byte[])[.. prefix, .. tail],
            from file in _validFiles from damaged in HostileInputs.Mutate(IdxTestFiles.Gzip(file)) select damaged);
        return HostileInputs.ForAll(
            cases,
            bytes =>
            {
                File.WriteAllBytes(path, bytes);
                try
                {
                    IdxArray array = IdxReader.Read(path);
                    Assert.Equal(array.Dimensions.Aggregate(1L, (a, b) => a * b), array.Data.Length);
                }
                catch (InvalidFileFormatException e)
                {
                    Assert.StartsWith(path + ": ", e.Message);
                }
            },
            MaxAllocatedBytes);
    }

    [Fact]
    public void A_header_declaring_a_trillion_image_bytes_fails_fast_and_cheaply()
    {
        byte[] file = IdxTestFiles.Build([int.MaxValue, 28, 28], new byte[16]);
        Read(file, seekable: true); // warm-up
        foreach (bool gzip in new[] { false, true })
        {
            byte[] bytes = gzip ? IdxTestFiles.Gzip(file) : file;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidFileFormatException>(() => IdxReader.Read(new TrickleStream(bytes, 5), "huge"));
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 << 10);
            Assert.Contains("2147483647x28x28", error.Message);
        }
    }

    [Fact]
    public void A_missing_file_or_folder_is_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(Path.Combine(_directory, "none")));
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(Path.Combine(_directory, "no-folder", "none")));
        Assert.Throws<FileNotFoundException>(() => MnistLoader.LoadSet<float>(Path.Combine(_directory, "none"), Path.Combine(_directory, "none")));
        Assert.Throws<FileNotFoundException>(() => MnistLoader.LoadSet<float>(Path.Combine(_directory, "no-folder", "a"), Path.Combine(_directory, "no-folder", "b")));
    }

    private static void Read(byte[] bytes, bool seekable)
    {
        using Stream stream = seekable ? new MemoryStream(bytes) : new TrickleStream(bytes, maxChunk: 7);
        try
        {
            IdxArray array = IdxReader.Read(stream, "hostile");
            Assert.Equal(array.Dimensions.Aggregate(1L, (a, b) => a * b), array.Data.Length);
        }
        catch (InvalidFileFormatException e)
        {
            Assert.StartsWith("hostile: ", e.Message);
        }
    }
}
