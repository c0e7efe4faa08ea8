namespace NativeNet.Tests.Kernels;

/// <summary>Rows 0..9 × cols 0..70 (every column tail at every vector width) plus the MLP shapes 128×100 and 128×10.</summary>
internal static class MatrixShapes
{
    public static IEnumerable<(int Rows, int Cols)> All()
    {
        for (int rows = 0; rows <= 9; rows++)
        {
            for (int cols = 0; cols <= 70; cols++)
            {
                yield return (rows, cols);
            }
        }

        yield return (128, 100);
        yield return (128, 10);
        yield return (3, 257);
    }
}
