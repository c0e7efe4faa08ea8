using System.Buffers.Binary;
using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx.Import;

/// <summary>Decodes a <see cref="TensorProto"/> (float32 or integer, raw_data or typed fields) after checking its dims against its data.</summary>
internal static class TensorDecoder
{
    public static OnnxTensor Decode(TensorProto tensor, string what)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
        {
            throw OnnxErrors.Invalid($"{what} keeps its data in an external file, which is not supported (save the model with its weights inside).");
        }

        long[] dims = [.. tensor.Dims];
        long count = ElementCount(dims, what);
        var type = (TensorProto.Types.DataType)tensor.DataType;
        int rawWidth = type switch
        {
            TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Int32 => 4,
            TensorProto.Types.DataType.Int64 => 8,
            TensorProto.Types.DataType.Bool => 1,
            _ => throw OnnxErrors.Invalid($"{what} has data type {type}; NativeNet reads float32 weights, int32/int64 shapes and bool flags."),
        };

        bool hasRaw = !tensor.RawData.IsEmpty;
        long present = hasRaw ? tensor.RawData.Length : type switch
        {
            TensorProto.Types.DataType.Float => tensor.FloatData.Count,
            TensorProto.Types.DataType.Int32 or TensorProto.Types.DataType.Bool => tensor.Int32Data.Count,
            _ => tensor.Int64Data.Count,
        };
        long expected = hasRaw ? count * rawWidth : count;
        if (present != expected)
        {
            throw OnnxErrors.Invalid($"{what} declares dims {OnnxTensor.Describe(dims)} ({count} values) but holds {(hasRaw ? present + " bytes of raw_data, not " + expected : present + " values")}.");
        }

        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        if (type == TensorProto.Types.DataType.Float)
        {
            var values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = hasRaw ? BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4, 4)) : tensor.FloatData[i];
            }

            return OnnxTensor.OfFloats(dims, values);
        }

        var ints = new long[count];
        for (int i = 0; i < ints.Length; i++)
        {
            ints[i] = (type, hasRaw) switch
            {
                (TensorProto.Types.DataType.Int32, true) => BinaryPrimitives.ReadInt32LittleEndian(raw.Slice(i * 4, 4)),
                (TensorProto.Types.DataType.Bool, true) => raw[i],
                (TensorProto.Types.DataType.Int32 or TensorProto.Types.DataType.Bool, false) => tensor.Int32Data[i],
                (_, true) => BinaryPrimitives.ReadInt64LittleEndian(raw.Slice(i * 8, 8)),
                _ => tensor.Int64Data[i],
            };
        }

        return OnnxTensor.OfInts(dims, ints);
    }

    /// <summary>The product of <paramref name="dims"/>, checked: no negative dimension, no overflow, at most <see cref="OnnxLimits.MaxElements"/>.</summary>
    public static long ElementCount(long[] dims, string what)
    {
        if (dims.Length > OnnxLimits.MaxRank)
        {
            throw OnnxErrors.Invalid($"{what} has {dims.Length} dimensions; at most {OnnxLimits.MaxRank} are supported.");
        }

        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw OnnxErrors.Invalid($"{what} has a negative dimension in {OnnxTensor.Describe(dims)}.");
            }

            if (d != 0 && count > OnnxLimits.MaxElements / d)
            {
                throw OnnxErrors.Invalid($"{what} has dimensions {OnnxTensor.Describe(dims)} whose product overflows the limit of {OnnxLimits.MaxElements} values.");
            }

            count *= d;
        }

        return count;
    }
}
