namespace NativeNet.Tests.Kernels;

/// <summary>
/// The tests that start GEMM worker threads run alone, after the parallel ones: their timing and their allocation
/// measurements (a process-wide no-GC region) must not share the machine with other tests' threads. Under ARM64
/// emulation, other tests once allocated past the measurement's 64 MB budget three times in a row.
/// </summary>
[CollectionDefinition("GemmThreading", DisableParallelization = true)]
public sealed class GemmThreadingRunsAlone;
