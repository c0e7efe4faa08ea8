using System.Numerics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// A register-blocked GEMM micro-kernel: multiplies one packed A micro-panel (Rows x kc, stored k-major with
/// Rows values per k) by one packed B micro-panel (kc x width, width values per k) and writes the valid
/// rows x cols corner through a <see cref="GemmEpilogue{T}"/>. Implemented by structs so the driver is
/// specialised (and the kernel inlined) per vector width.
/// </summary>
internal unsafe interface IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>MR: rows of C computed per call; A panels are packed with this many rows.</summary>
    static abstract int Rows { get; }

    /// <summary>NR: columns of C per call for a full-width B panel.</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// Columns of an optional panel for a last few columns that a full panel would waste (0 when the kernel has
    /// none): a last <see cref="WidePairMinColumns"/>..<see cref="WidePairColumns"/> columns take it (see the
    /// <see cref="GemmPanels.Width"/> and the driver's PackB for its layout).
    /// </summary>
    static virtual int WidePairColumns => 0;

    /// <summary>Fewest columns the wide-pair panel is used for.</summary>
    static virtual int WidePairMinColumns => 0;

    /// <summary>
    /// Width of an edge panel for a last panel of at most this many columns, packed expanded (see
    /// <see cref="GemmPacking.DirectExpanded{T}"/>); 0 when the kernel has none.
    /// </summary>
    static virtual int EdgeColumns => 0;

    /// <summary>Rows of C one <see cref="RunEdge"/> call computes (several A panels at once); 0 without an edge kernel.</summary>
    static virtual int EdgeRows => 0;

    /// <summary>
    /// Computes up to <see cref="EdgeRows"/> rows of an edge panel (<see cref="EdgeColumns"/> wide, packed
    /// expanded): A panels start <paramref name="panelStride"/> elements apart, other parameters as in <see cref="Run"/>.
    /// </summary>
    static virtual void RunEdge(
        int kc, T* a, int panelStride, T* b, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch) =>
        throw new NotSupportedException("This kernel has no edge panel.");

    /// <summary>Computes one tile; <paramref name="width"/> is <see cref="Columns"/> or a non-zero <see cref="WidePairColumns"/>.</summary>
    /// <param name="kc">Depth of the packed slice.</param>
    /// <param name="a">Packed A micro-panel: kc groups of Rows values.</param>
    /// <param name="b">Packed B micro-panel: kc groups of width values.</param>
    /// <param name="width">Panel width, <see cref="Columns"/> or <see cref="WidePairColumns"/>.</param>
    /// <param name="c">Top-left element of the C tile.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="rows">Valid rows of the tile (at most Rows).</param>
    /// <param name="cols">Valid columns of the tile (at most width).</param>
    /// <param name="epilogue">How the sums are combined with C.</param>
    /// <param name="bias">Bias at the tile's first column, or null.</param>
    /// <param name="scratch">At least Rows * max(Columns, WidePairColumns) elements used to stage a ragged tile.</param>
    static abstract void Run(
        int kc, T* a, T* b, int width, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch);
}
