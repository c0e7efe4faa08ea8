using Google.Protobuf;
using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx.Import;

/// <summary>
/// Parses ONNX protobuf bytes. The whole file is in memory, so protobuf checks every declared length against the
/// bytes that are really left before it copies anything: a field that claims 2 GB in a small file is a truncation
/// error, not a 2 GB allocation. Nesting is bounded by protobuf's recursion limit.
/// </summary>
internal static class OnnxModelReader
{
    public static byte[] ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > OnnxLimits.MaxFileBytes)
        {
            throw OnnxErrors.Invalid($"{path}: {stream.Length} bytes is larger than the {OnnxLimits.MaxFileBytes >> 20} MiB an ONNX model for NativeNet may have.");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static ModelProto Parse(byte[] bytes, string sourceName)
    {
        if (bytes.Length == 0)
        {
            throw OnnxErrors.Invalid($"{sourceName}: the file is empty, not an ONNX model.");
        }

        try
        {
            var input = new CodedInputStream(bytes);
            var model = ModelProto.Parser.ParseFrom(input);
            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidFileFormatException($"{sourceName}: not a valid ONNX model (protobuf: {e.Message})", e);
        }
    }
}
