// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>Identifies a parameter segment of a <see cref="ParameterLayout"/>; cheap to store in a layer.</summary>
public readonly record struct ParameterHandle(int Index);

/// <summary>Identifies a state segment (such as a running mean) of a <see cref="ParameterLayout"/>.</summary>
public readonly record struct StateHandle(int Index);
