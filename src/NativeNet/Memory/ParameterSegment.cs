using NativeNet.Tensors;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>
/// Where one named parameter tensor (or state tensor) lives inside a flat buffer. Offsets are
/// multiples of a 64-byte line so every segment starts aligned.
/// </summary>
/// <param name="Name">A unique name such as <c>W1</c> or <c>gamma2</c>.</param>
/// <param name="Shape">The tensor's dimensions.</param>
/// <param name="Kind">What the parameter is; state segments report <see cref="ParameterKind.Bias"/> and are never trained.</param>
/// <param name="Offset">The index of the first element in the flat buffer.</param>
public readonly record struct ParameterSegment(string Name, Shape Shape, ParameterKind Kind, int Offset)
{
    /// <summary>The number of elements.</summary>
    public int Length => Shape.Length;

    /// <summary>True when L2 weight decay applies (weights only, never biases or batch-norm parameters).</summary>
    public bool IsDecayed => Kind == ParameterKind.Weight;
}
