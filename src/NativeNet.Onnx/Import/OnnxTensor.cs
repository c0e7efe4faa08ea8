namespace NativeNet.Onnx.Import;

/// <summary>
/// A constant the importer knows at import time: an initializer, a Constant node's value, or a value folded from
/// them (a shape). Float data or integer data; dimensions of integer shape values may hold <see cref="BatchDim"/>.
/// </summary>
internal sealed class OnnxTensor
{
    /// <summary>Stands for the batch dimension, unknown until a prediction, inside folded shape values.</summary>
    public const long BatchDim = long.MinValue;

    private OnnxTensor(long[] dims, float[]? floats, long[]? ints)
    {
        Dims = dims;
        Floats = floats;
        Ints = ints;
    }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Dims { get; }

    /// <summary>The values of a float tensor, row-major; null for an integer one.</summary>
    public float[]? Floats { get; }

    /// <summary>The values of an integer tensor, row-major; null for a float one.</summary>
    public long[]? Ints { get; }

    /// <summary>The number of values.</summary>
    public int Length => Floats?.Length ?? Ints!.Length;

    public static OnnxTensor OfFloats(long[] dims, float[] values) => new(dims, values, null);

    public static OnnxTensor OfInts(long[] dims, long[] values) => new(dims, null, values);

    public static string Describe(long[] dims) =>
        "[" + string.Join(", ", dims.Select(d => d == BatchDim ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
