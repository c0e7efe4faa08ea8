// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>A job cut into independent parts that <see cref="GemmWorkerPool"/> runs on several threads at once.</summary>
internal interface IPartitionedWork
{
    /// <summary>Runs part <paramref name="part"/> (0-based); parts touch disjoint outputs, so they need no locking.</summary>
    void RunPart(int part);
}
