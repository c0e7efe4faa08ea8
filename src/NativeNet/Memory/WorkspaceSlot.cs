// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>Identifies one buffer of a <see cref="WorkspacePlan"/>; cheap to store in a layer.</summary>
public readonly record struct WorkspaceSlot(int Index);
