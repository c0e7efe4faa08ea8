using System.Numerics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>Portable micro-kernel (no SIMD): 4 x 4 tile accumulated in scratch with plain multiply-add.</summary>
internal readonly unsafe struct GemmKernelScalar<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Tile = 4;

    /// <inheritdoc/>
    public static int Rows => Tile;

    /// <inheritdoc/>
    public static int Columns => Tile;

    /// <inheritdoc/>
    public static void Run(
        int kc, T* a, T* b, int width, T* c, int ldc, int rows, int cols, in GemmEpilogue<T> epilogue, T* bias, T* scratch)
    {
        for (int i = 0; i < Tile * Tile; i++)
        {
            scratch[i] = T.Zero;
        }

        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < Tile; r++)
            {
                T ar = a[r];
                T* acc = scratch + (r * Tile);
                acc[0] += ar * b[0];
                acc[1] += ar * b[1];
                acc[2] += ar * b[2];
                acc[3] += ar * b[3];
            }

            a += Tile;
            b += Tile;
        }

        epilogue.StoreTile(scratch, Tile, c, ldc, rows, cols, bias);
    }
}
