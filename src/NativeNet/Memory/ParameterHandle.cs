namespace NativeNet.Memory;

/// <summary>Identifies a parameter segment of a <see cref="ParameterLayout"/>; cheap to store in a layer.</summary>
public readonly record struct ParameterHandle(int Index);

/// <summary>Identifies a state segment (such as a running mean) of a <see cref="ParameterLayout"/>.</summary>
public readonly record struct StateHandle(int Index);
