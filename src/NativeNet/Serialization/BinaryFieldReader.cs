using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace NativeNet.Serialization;

/// <summary>Reads little-endian fields with bounds checks; every error names the source and the offset.</summary>
internal ref struct BinaryFieldReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _source;
    private int _position;

    public BinaryFieldReader(ReadOnlySpan<byte> bytes, string source)
    {
        _bytes = bytes;
        _source = source;
        _position = 0;
    }

    public readonly int Remaining => _bytes.Length - _position;

    public readonly InvalidFileFormatException Error(string problem) => new($"{_source}: {problem} (at byte {_position}).");

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"truncated: needed {count} more bytes, {Remaining} left");
        }

        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A counted list of doubles; the count is checked against the bytes left before the list is allocated.</summary>
    public List<double> Doubles(string what, Func<double, bool> valid, string validDescription)
    {
        int count = Int32();
        if (count < 0 || (long)count * 8 > Remaining)
        {
            throw Error($"{what}: a count of {count} values does not fit the {Remaining} bytes left");
        }

        var values = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            double value = Double();
            if (!valid(value))
            {
                throw Error($"{what}: value {i} is {value}, not {validDescription}");
            }

            values.Add(value);
        }

        return values;
    }

    public string String(int maxLength, string what)
    {
        int length = Int32();
        if (length < 0 || length > maxLength)
        {
            throw Error($"{what}: invalid string length {length} (at most {maxLength})");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw Error($"{what}: invalid UTF-8 text");
        }
    }

    /// <summary>
    /// A counted list of float (<paramref name="elementSize"/> 4) or double (8) values, converted to
    /// <typeparamref name="T"/>; the count must be the length of <paramref name="destination"/>, which the caller sized
    /// from fields it already checked against the bytes left.
    /// </summary>
    public void Elements<T>(Span<T> destination, int elementSize, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = Int32();
        if (count != destination.Length)
        {
            throw Error($"{what}: the architecture needs {destination.Length} values, the file has {count}");
        }

        if ((long)count * elementSize > Remaining)
        {
            throw Error($"{what}: truncated: {count} values need {(long)count * elementSize} bytes, {Remaining} left");
        }

        ReadOnlySpan<byte> data = Take(count * elementSize);
        for (int i = 0; i < count; i++)
        {
            destination[i] = elementSize == 4
                ? T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(data.Slice(i * 4, 4)))
                : T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(i * 8, 8)));
        }
    }
}
