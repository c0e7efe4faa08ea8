// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>
/// The plan of a network's working memory: activations, the values layers cache for backward, and
/// backward scratch. Buffers are either per batch (<c>rows × rowLength</c>, sized for the batch
/// capacity; a smaller batch uses a prefix) or fixed. <see cref="Build{T}"/> allocates everything once.
/// </summary>
public sealed class WorkspacePlan
{
    private readonly List<WorkspaceBufferSpec> _buffers = [];

    /// <summary>The declared buffers in declaration order.</summary>
    public IReadOnlyList<WorkspaceBufferSpec> Buffers => _buffers;

    /// <summary>Declares a buffer of <c>batch × <paramref name="rowLength"/></c> elements.</summary>
    public WorkspaceSlot AddBatch(string name, int rowLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowLength);
        _buffers.Add(new WorkspaceBufferSpec(name, rowLength, IsPerBatch: true));
        return new WorkspaceSlot(_buffers.Count - 1);
    }

    /// <summary>Declares a buffer of <paramref name="length"/> elements whatever the batch size.</summary>
    public WorkspaceSlot AddFixed(string name, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _buffers.Add(new WorkspaceBufferSpec(name, length, IsPerBatch: false));
        return new WorkspaceSlot(_buffers.Count - 1);
    }

    /// <summary>Allocates one aligned block holding every buffer for batches of up to <paramref name="batchCapacity"/> rows.</summary>
    public Workspace<T> Build<T>(int batchCapacity)
        where T : unmanaged => new(this, batchCapacity);
}

/// <summary>One buffer of a <see cref="WorkspacePlan"/>.</summary>
/// <param name="Name">What the buffer holds, for diagnostics.</param>
/// <param name="Length">Elements per row for a per-batch buffer, elements in all for a fixed one.</param>
/// <param name="IsPerBatch">True when the buffer has one row per sample of the batch.</param>
public readonly record struct WorkspaceBufferSpec(string Name, int Length, bool IsPerBatch);
