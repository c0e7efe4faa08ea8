using System.Buffers.Binary;
using System.Text;

namespace NativeNet.Serialization;

/// <summary>
/// Appends little-endian fields to a growing byte buffer; the writer of the model and checkpoint formats.
/// </summary>
#pragma warning disable CA1001 // A MemoryStream holds no resource to dispose: it is only a growing byte array.
internal sealed class BinaryFieldWriter
#pragma warning restore CA1001
{
    private readonly MemoryStream _stream = new();
    private readonly byte[] _scratch = new byte[8];

    public void Bytes(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void Byte(byte value) => _stream.WriteByte(value);

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_scratch, value);
        _stream.Write(_scratch, 0, 4);
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_scratch, value);
        _stream.Write(_scratch, 0, 4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_scratch, value);
        _stream.Write(_scratch, 0, 8);
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_scratch, value);
        _stream.Write(_scratch, 0, 8);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_scratch, value);
        _stream.Write(_scratch, 0, 8);
    }

    public void Doubles(IReadOnlyList<double> values)
    {
        Int32(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            Double(values[i]);
        }
    }

    public void String(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        Int32(utf8.Length);
        _stream.Write(utf8);
    }

    /// <summary>A length, then each value as a little-endian float or double (the element size of <typeparamref name="T"/>).</summary>
    public void Elements<T>(ReadOnlySpan<T> values)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Int32(values.Length);
        foreach (T value in values)
        {
            if (typeof(T) == typeof(float))
            {
                BinaryPrimitives.WriteSingleLittleEndian(_scratch, float.CreateTruncating(value));
                _stream.Write(_scratch, 0, 4);
            }
            else
            {
                Double(double.CreateTruncating(value));
            }
        }
    }

    /// <summary>Appends the CRC-32 of everything written so far and returns the bytes.</summary>
    public byte[] ToArrayWithChecksum()
    {
        var crc = new Crc32();
        crc.Append(_stream.GetBuffer().AsSpan(0, (int)_stream.Length));
        UInt32(crc.Value);
        return _stream.ToArray();
    }
}
