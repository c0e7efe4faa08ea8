// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>What a parameter is, which decides how optimizers and regularisers treat it.</summary>
public enum ParameterKind
{
    /// <summary>A weight matrix: the only kind L2 weight decay applies to.</summary>
    Weight,

    /// <summary>A bias vector.</summary>
    Bias,

    /// <summary>A batch-normalisation scale (gamma).</summary>
    Scale,

    /// <summary>A batch-normalisation shift (beta).</summary>
    Shift,
}
