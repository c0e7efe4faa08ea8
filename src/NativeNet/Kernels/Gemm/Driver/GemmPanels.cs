using System.Numerics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// The B panel widths one product uses: full <see cref="IGemmMicroKernel{T}.Columns"/> panels, and where the kernel
/// has them, an edge panel for a last few columns and a wide-pair panel for a last 49-50. Each special panel is
/// kept only because an end-to-end benchmark shows its gain (docs/benchmarks.md); <see cref="EdgeEnabled"/> and
/// <see cref="WidePairEnabled"/> switch them off so that the benchmark can measure it again. Every C element is the
/// same FMA chain over k in every panel, so the switches never change a bit.
/// </summary>
internal readonly struct GemmPanels
{
    private GemmPanels(int full, int edge, int widePair, int widePairMin)
    {
        Full = full;
        Edge = edge;
        WidePair = widePair;
        WidePairMin = widePairMin;
    }

    /// <summary>Gets or sets whether kernels with an edge panel use it (on by default; for benchmarks).</summary>
    public static bool EdgeEnabled { get; set; } = true;

    /// <summary>Gets or sets whether kernels with a wide-pair panel use it (on by default; for benchmarks).</summary>
    public static bool WidePairEnabled { get; set; } = true;

    /// <summary>Gets the full panel width (NR).</summary>
    public int Full { get; }

    /// <summary>Gets the edge panel's most columns, 0 without one.</summary>
    public int Edge { get; }

    /// <summary>Gets the wide-pair panel's most columns, 0 without one.</summary>
    public int WidePair { get; }

    /// <summary>Gets the wide-pair panel's fewest columns.</summary>
    public int WidePairMin { get; }

    /// <summary>The panels of <typeparamref name="TKernel"/> under the current switches.</summary>
    public static GemmPanels For<T, TKernel>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmMicroKernel<T> =>
        new(
            TKernel.Columns,
            EdgeEnabled ? TKernel.EdgeColumns : 0,
            WidePairEnabled ? TKernel.WidePairColumns : 0,
            TKernel.WidePairMinColumns);

    /// <summary>
    /// The width of the next panel when <paramref name="remaining"/> columns are left: the wide-pair panel for a
    /// last 49-50, the edge panel for a last few, a full panel otherwise (ragged at the end). Every panel before the
    /// last is full, so panel jr starts at jr * kc in the packed buffer.
    /// </summary>
    public int Width(int remaining)
    {
        if (WidePair > 0 && remaining >= WidePairMin && remaining <= WidePair)
        {
            return WidePair;
        }

        return remaining <= Edge ? Edge : Full;
    }
}
