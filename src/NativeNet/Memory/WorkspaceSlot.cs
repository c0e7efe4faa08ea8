namespace NativeNet.Memory;

/// <summary>Identifies one buffer of a <see cref="WorkspacePlan"/>; cheap to store in a layer.</summary>
public readonly record struct WorkspaceSlot(int Index);
