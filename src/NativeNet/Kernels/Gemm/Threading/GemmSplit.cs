using System.Numerics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// One product cut into bands of whole micro-tiles of C; <see cref="RunPart"/> computes band i on whichever thread
/// runs it. One instance per calling thread, reused, so splitting allocates nothing after the first call.
/// </summary>
internal sealed class GemmSplit<T> : IPartitionedWork
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic]
    private static GemmSplit<T>? _forCurrentThread;

    private GemmProblem<T> _problem;
    private bool _byColumns;
    private int _tile;
    private int _tiles;
    private int _parts;

    /// <summary>The calling thread's instance.</summary>
    public static GemmSplit<T> ForCurrentThread => _forCurrentThread ??= new GemmSplit<T>();

    /// <summary>
    /// Chooses the bands for <paramref name="problem"/>: along the longer side of C, so each band repeats the packing
    /// of the smaller operand, cut into at most <paramref name="degree"/> runs of whole tiles that differ by at most one tile.
    /// </summary>
    /// <returns>The number of bands (1 when C is a single tile wide along that side).</returns>
    public int Prepare(in GemmProblem<T> problem, int degree)
    {
        _problem = problem;
        _byColumns = problem.N >= problem.M;
        _tile = _byColumns ? GemmDriver<T>.TileColumns : GemmDriver<T>.TileRows;
        int extent = _byColumns ? problem.N : problem.M;
        _tiles = (extent + _tile - 1) / _tile;
        _parts = Math.Min(degree, _tiles);
        return _parts;
    }

    /// <summary>Forgets the problem (its pointers are only valid while the caller keeps the spans pinned).</summary>
    public void Clear() => _problem = default;

    /// <inheritdoc/>
    public void RunPart(int part)
    {
        int extent = _byColumns ? _problem.N : _problem.M;
        int start = (int)((long)part * _tiles / _parts) * _tile;
        int end = Math.Min(extent, (int)((long)(part + 1) * _tiles / _parts) * _tile);
        if (end <= start)
        {
            return;
        }

        GemmDriver<T>.Run(_byColumns ? _problem.Columns(start, end - start) : _problem.Rows(start, end - start));
    }
}
