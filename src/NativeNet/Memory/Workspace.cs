using NativeNet.Tensors;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Memory;

/// <summary>
/// Working memory planned by a <see cref="WorkspacePlan"/> for a batch capacity, allocated once as one
/// 64-byte aligned block. Forward and backward passes take views of it and allocate nothing.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Workspace<T>
    where T : unmanaged
{
    private readonly AlignedBuffer<T> _block;
    private readonly int[] _offsets;
    private readonly WorkspaceBufferSpec[] _specs;

    internal Workspace(WorkspacePlan plan, int batchCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchCapacity);
        BatchCapacity = batchCapacity;
        _specs = [.. plan.Buffers];
        _offsets = new int[_specs.Length];
        long total = 0;
        for (int i = 0; i < _specs.Length; i++)
        {
            _offsets[i] = checked((int)total);
            long length = _specs[i].IsPerBatch ? (long)_specs[i].Length * batchCapacity : _specs[i].Length;
            // Checked before the narrowing below, so a huge batch is this clear error rather than an OverflowException.
            if (length > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(batchCapacity), $"A workspace for batch capacity {batchCapacity} would need {length} elements for '{_specs[i].Name}', more than an array can hold.");
            }

            total += AlignedBuffer<T>.RoundUpToLine((int)length);
            if (total > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(batchCapacity), $"A workspace for batch capacity {batchCapacity} would need {total} elements, more than an array can hold.");
            }
        }

        _block = new AlignedBuffer<T>((int)total);
    }

    /// <summary>The largest batch the workspace holds.</summary>
    public int BatchCapacity { get; }

    /// <summary>The first <paramref name="rows"/> rows of a per-batch buffer, as a <c>(rows, rowLength)</c> matrix.</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="rows"/> is larger than the planned batch capacity.</exception>
    public TensorView<T> Batch(WorkspaceSlot slot, int rows)
    {
        WorkspaceBufferSpec spec = _specs[slot.Index];
        if (!spec.IsPerBatch)
        {
            throw new InvalidOperationException($"Workspace buffer '{spec.Name}' is fixed-size, not per batch.");
        }

        if ((uint)rows > (uint)BatchCapacity)
        {
            throw new ShapeMismatchException($"A batch of {rows} rows does not fit the workspace planned for batches of up to {BatchCapacity} ('{spec.Name}'); plan a larger capacity.");
        }

        return new TensorView<T>(_block.Slice(_offsets[slot.Index], rows * spec.Length), new Shape(rows, spec.Length));
    }

    /// <summary>A fixed-size buffer.</summary>
    public Span<T> Fixed(WorkspaceSlot slot)
    {
        WorkspaceBufferSpec spec = _specs[slot.Index];
        if (spec.IsPerBatch)
        {
            throw new InvalidOperationException($"Workspace buffer '{spec.Name}' is per batch; use Batch(slot, rows).");
        }

        return _block.Slice(_offsets[slot.Index], spec.Length);
    }
}
