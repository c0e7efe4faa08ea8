using System.Runtime.InteropServices;

namespace NativeNet.Tests.Onnx;

/// <summary>One PyTorch fixture of Fixtures/manifest.txt: the model, its inputs and PyTorch's probabilities.</summary>
public sealed record OnnxFixture(string Name, int Rows, int Features, int Classes, int Opset)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Onnx", "Fixtures");

    public static IReadOnlyList<OnnxFixture> All => [.. File.ReadAllLines(Path.Combine(Directory, "manifest.txt"))
        .Where(line => line.Length > 0)
        .Select(line => line.Split(' '))
        .Select(p => new OnnxFixture(p[0], int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4])))];

    public string ModelPath => Path.Combine(Directory, Name + ".onnx");

    public float[] Inputs => Floats(".input.f32", Rows * Features);

    public float[] Probabilities => Floats(".probs.f32", Rows * Classes);

    public override string ToString() => Name;

    private float[] Floats(string suffix, int count)
    {
        float[] values = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(Directory, Name + suffix))).ToArray();
        Assert.Equal(count, values.Length);
        return values;
    }
}
