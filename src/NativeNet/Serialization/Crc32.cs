namespace NativeNet.Serialization;

/// <summary>CRC-32 (IEEE 802.3, as in zip and gzip), table-driven; the core library takes no hashing package.</summary>
internal sealed class Crc32
{
    private static readonly uint[] _table = BuildTable();
    private uint _state = 0xFFFF_FFFFu;

    /// <summary>The checksum of everything appended so far.</summary>
    public uint Value => ~_state;

    /// <summary>Adds <paramref name="data"/> to the checksum.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        uint crc = _state;
        foreach (byte b in data)
        {
            crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _state = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
