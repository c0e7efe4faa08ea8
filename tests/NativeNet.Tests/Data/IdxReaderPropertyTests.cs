using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Data;

namespace NativeNet.Tests.Data;

/// <summary>
/// Whatever the bytes, the reader either returns a consistent array or throws InvalidFileFormatException;
/// never another exception type, never a crash.
/// </summary>
public class IdxReaderPropertyTests
{
    // 400 cases per property from a fixed seed (FsCheck's "seed,gamma"), so CI sees the same bytes on every run.
    private const int Cases = 400;
    private const string Replay = "20261122,7";

    private static readonly Gen<byte> _bytes = Gen.Choose(0, 255).Select(i => (byte)i);

    /// <summary>A valid small IDX file: rank 1 to 3, each dimension 1 to 6, random content.</summary>
    private static readonly Gen<byte[]> _validFiles =
        from rank in Gen.Choose(1, 3)
        from dimensions in Gen.ArrayOf(Gen.Choose(1, 6), rank)
        from payload in Gen.ArrayOf(_bytes, dimensions.Aggregate(1, (a, b) => a * b))
        select IdxTestFiles.Build(dimensions, payload);

    /// <summary>Outcome check shared by all properties: a valid result is self-consistent.</summary>
    private static void ReadAndCheck(byte[] bytes, bool seekable)
    {
        using Stream stream = seekable ? new MemoryStream(bytes) : new TrickleStream(bytes, maxChunk: 7);
        try
        {
            IdxArray array = IdxReader.Read(stream, "fuzz");
            long product = array.Dimensions.Aggregate(1L, (a, b) => a * b);
            Assert.Equal(product, array.Data.Length);
        }
        catch (InvalidFileFormatException e)
        {
            Assert.StartsWith("fuzz: ", e.Message);
        }
    }

    [Property(MaxTest = Cases, Replay = Replay)]
    public Property Random_bytes_give_a_valid_array_or_InvalidFileFormatException()
    {
        // Half the inputs start like an IDX or gzip file, so the fuzzing gets past the magic number.
        Gen<byte[]> prefixes = Gen.Elements<byte[]>([], [0, 0, 8, 1], [0, 0, 8, 2], [0, 0, 8, 3], [0x1F, 0x8B]);
        Gen<(byte[] Bytes, bool Seekable)> inputs =
            from prefix in prefixes
            from tail in Gen.ArrayOf(_bytes)
            from seekable in Gen.Elements(true, false)
            select ((byte[])[.. prefix, .. tail], seekable);
        return Prop.ForAll(inputs.ToArbitrary(), input => ReadAndCheck(input.Bytes, input.Seekable));
    }

    [Property(MaxTest = Cases, Replay = Replay)]
    public Property Valid_files_round_trip_raw_and_gzip()
    {
        Gen<(byte[] File, bool Gzip)> inputs = from file in _validFiles from gzip in Gen.Elements(true, false) select (file, gzip);
        return Prop.ForAll(inputs.ToArbitrary(), input =>
        {
            byte[] bytes = input.Gzip ? IdxTestFiles.Gzip(input.File) : input.File;
            IdxArray array = IdxReader.Read(new MemoryStream(bytes), "valid");
            int headerBytes = 4 + (4 * array.Dimensions.Length);
            Assert.Equal(input.File.Length - headerBytes, array.Data.Length);
            Assert.Equal(input.File.AsSpan(headerBytes).ToArray(), array.Data);
        });
    }

    [Property(MaxTest = Cases, Replay = Replay)]
    public Property Mutated_valid_files_give_a_valid_array_or_InvalidFileFormatException()
    {
        Gen<(byte[] Bytes, bool Seekable)> inputs =
            from file in _validFiles
            from gzip in Gen.Elements(true, false)
            let bytes = gzip ? IdxTestFiles.Gzip(file) : file
            from mutated in Mutate(bytes)
            from seekable in Gen.Elements(true, false)
            select (mutated, seekable);
        return Prop.ForAll(inputs.ToArbitrary(), input => ReadAndCheck(input.Bytes, input.Seekable));
    }

    /// <summary>One of: truncation at a random length, 1 to 4 random bit flips, or random bytes appended.</summary>
    private static Gen<byte[]> Mutate(byte[] bytes)
    {
        Gen<byte[]> truncate = Gen.Choose(0, bytes.Length - 1).Select(n => bytes.AsSpan(0, n).ToArray());
        Gen<byte[]> flip =
            from flips in Gen.ArrayOf(Gen.Choose(0, (bytes.Length * 8) - 1), 4).SelectMany(all => Gen.Choose(1, 4).Select(k => all[..k]))
            select FlipBits(bytes, flips);
        Gen<byte[]> append = Gen.NonEmptyListOf(_bytes).Select(extra => (byte[])[.. bytes, .. extra]);
        return Gen.OneOf(truncate, flip, append);
    }

    private static byte[] FlipBits(byte[] bytes, int[] bitPositions)
    {
        byte[] copy = (byte[])bytes.Clone();
        foreach (int bit in bitPositions)
        {
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        return copy;
    }
}
