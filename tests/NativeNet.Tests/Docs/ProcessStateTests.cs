namespace NativeNet.Tests.Docs;

/// <summary>Tests that change process-wide state (the console, the current directory) run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(ProcessStateTests), DisableParallelization = true)]
public sealed class ProcessStateTests;
