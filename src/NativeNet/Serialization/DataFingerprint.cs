using System.Numerics;
using System.Runtime.InteropServices;
using NativeNet.Data;

namespace NativeNet.Serialization;

/// <summary>
/// What a checkpoint remembers of a data set so a resume on other data fails clearly instead of silently
/// continuing a different run: the sample and feature counts and a CRC-32 of the labels (cheap even for
/// 60 000 samples, and any other file of the same size almost surely differs in its labels).
/// </summary>
internal readonly record struct DataFingerprint(int Count, int FeatureCount, uint LabelsChecksum)
{
    /// <summary>The fingerprint of an absent (test) set.</summary>
    public static DataFingerprint None => new(-1, 0, 0);

    public static DataFingerprint Of<T>(LabeledDataset<T>? data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data is null)
        {
            return None;
        }

        var crc = new Crc32();
        crc.Append(MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        return new DataFingerprint(data.Count, data.FeatureCount, crc.Value);
    }

    public string Describe() => Count < 0 ? "none" : $"{Count} samples of {FeatureCount} features, labels CRC {LabelsChecksum:X8}";
}
