using FsCheck;
using FsCheck.Fluent;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Generators of damaged files and hostile numbers, and the property that a case both holds and stays within an
/// allocation bound. The tests run them with FsCheck.Xunit's [Property] (fixed MaxTest and Replay).
/// </summary>
internal static class HostileInputs
{
    public static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(i => (byte)i);

    /// <summary><paramref name="property"/> holds for every generated case.</summary>
    public static Property ForAll<TCase>(Gen<TCase> generator, Action<TCase> property) =>
        Prop.ForAll(generator.ToArbitrary(), property);

    /// <summary>
    /// <paramref name="property"/> holds for every generated case, and no case allocates more than
    /// <paramref name="maxAllocatedBytes"/> on the calling thread (whatever sizes a damaged header declares).
    /// </summary>
    public static Property ForAll<TCase>(Gen<TCase> generator, Action<TCase> property, long maxAllocatedBytes) =>
        Prop.ForAll(generator.ToArbitrary(), (TCase input) =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            property(input);
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, maxAllocatedBytes);
        });

    /// <summary>
    /// One damage of <paramref name="bytes"/>: truncation, 1 to 4 bit flips, a run of 1 to 8 random bytes written
    /// over it, random bytes inserted, a range deleted, or random bytes appended.
    /// </summary>
    public static Gen<byte[]> Mutate(byte[] bytes)
    {
        Gen<int> position = Gen.Choose(0, bytes.Length - 1);
        Gen<byte[]> truncate = position.Select(n => bytes[..n]);
        Gen<byte[]> flip =
            from count in Gen.Choose(1, 4)
            from bits in Gen.ArrayOf(Gen.Choose(0, (bytes.Length * 8) - 1), count)
            select FlipBits(bytes, bits);
        Gen<byte[]> overwrite =
            from at in position
            from run in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Bytes, n))
            select Overwrite(bytes, at, run);
        Gen<byte[]> insert =
            from at in position
            from run in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Bytes, n))
            select (byte[])[.. bytes[..at], .. run, .. bytes[at..]];
        Gen<byte[]> delete =
            from at in position
            from length in Gen.Choose(1, 16)
            select (byte[])[.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + length)..]];
        Gen<byte[]> append = Gen.Choose(1, 16).SelectMany(n => Gen.ArrayOf(Bytes, n)).Select(extra => (byte[])[.. bytes, .. extra]);
        return Gen.OneOf(truncate, flip, overwrite, insert, delete, append);
    }

    /// <summary>Values that break size arithmetic: zero, negatives, powers of two around the limits, 10^6 and 10^9.</summary>
    public static readonly Gen<int> HostileInts = Gen.OneOf(
        Gen.Elements(0, -1, 1, 2, 255, 256, 65_535, 1 << 20, (1 << 20) + 1, 1_000_000, 1_000_000_000, int.MaxValue, int.MinValue, 1 << 30, 46_341),
        Gen.Choose(-10, 1000),
        Gen.Choose(int.MinValue, int.MaxValue));

    private static byte[] FlipBits(byte[] bytes, int[] bits)
    {
        byte[] copy = (byte[])bytes.Clone();
        foreach (int bit in bits)
        {
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        return copy;
    }

    private static byte[] Overwrite(byte[] bytes, int at, byte[] run)
    {
        byte[] copy = (byte[])bytes.Clone();
        run.AsSpan(0, Math.Min(run.Length, copy.Length - at)).CopyTo(copy.AsSpan(at));
        return copy;
    }
}
