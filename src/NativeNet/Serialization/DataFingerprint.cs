using System.Numerics;
using System.Runtime.InteropServices;
using NativeNet.Data;

namespace NativeNet.Serialization;

/// <summary>
/// What a checkpoint remembers of a data set so a resume on other data fails clearly instead of silently
/// continuing a different run: the sample and feature counts, a CRC-32 of the labels and a 64-bit hash of every
/// byte of the inputs (<see cref="ContentHash"/>, about 0.1 s for all of Fashion-MNIST), so other images with the
/// same labels are refused as well (checkpoint format 2; format 1 hashed the labels only).
/// </summary>
internal readonly record struct DataFingerprint(int Count, int FeatureCount, uint LabelsChecksum, ulong FeaturesHash)
{
    /// <summary>The fingerprint of an absent (test) set.</summary>
    public static DataFingerprint None => new(-1, 0, 0, 0);

    public static DataFingerprint Of<T>(LabeledDataset<T>? data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data is null)
        {
            return None;
        }

        var crc = new Crc32();
        crc.Append(MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        ulong features = ContentHash.Of(MemoryMarshal.AsBytes(data.Features.AsSpan(0, data.Count * data.FeatureCount)));
        return new DataFingerprint(data.Count, data.FeatureCount, crc.Value, features);
    }

    /// <summary>What differs between <paramref name="saved"/> and <paramref name="given"/>, in words, or null when nothing does.</summary>
    public static string? Difference(DataFingerprint saved, DataFingerprint given) =>
        saved == given ? null
        : saved.Count < 0 || given.Count < 0 || saved.Count != given.Count || saved.FeatureCount != given.FeatureCount ? "their sizes differ"
        : saved.LabelsChecksum != given.LabelsChecksum && saved.FeaturesHash != given.FeaturesHash ? "their labels and inputs differ"
        : saved.LabelsChecksum != given.LabelsChecksum ? "their labels differ"
        : "their inputs (images) differ, the labels are the same";

    public string Describe() => Count < 0 ? "none" : $"{Count} samples of {FeatureCount} features, labels CRC {LabelsChecksum:X8}, inputs hash {FeaturesHash:X16}";
}
