using System.Text;

namespace NativeNet.OrtCompare;

/// <summary>
/// The few protobuf wire-format writes an ONNX model needs: varint and length-delimited fields. Nested messages
/// are written into their own writer first, then embedded as bytes (protobuf needs their length up front).
/// </summary>
public sealed class ProtoWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;
    private readonly MemoryStream _stream = new();

    /// <summary>An integer field (int32, int64 or enum).</summary>
    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, VarintWireType);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>A UTF-8 string field.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>An embedded message field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    /// <summary>The message written so far.</summary>
    public byte[] ToArray() => _stream.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }
}
