// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>Argument checks for <see cref="Gemm"/>: every failure names the dimensions involved.</summary>
internal static class GemmValidation
{
    public static void CheckDimensions(int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
    }

    /// <summary>Elements a rows x cols row-major matrix with row stride ld spans: (rows - 1) * ld + cols.</summary>
    public static long RequiredLength(int rows, int cols, int ld) =>
        rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;

    /// <summary>Checks a stored operand and returns exactly the part of it the product reads.</summary>
    public static ReadOnlySpan<T> CheckOperand<T>(ReadOnlySpan<T> span, string name, int rows, int cols, int ld, int m, int n, int k)
    {
        if (ld < cols || ld < 0)
        {
            throw new ShapeMismatchException(
                $"ld{name} = {ld} is smaller than the width {cols} of the stored {rows} x {cols} matrix {name} (m = {m}, n = {n}, k = {k}).",
                "ld" + name.ToLowerInvariant());
        }

        long required = RequiredLength(rows, cols, ld);
        if (span.Length < required)
        {
            throw new ShapeMismatchException(
                $"{name} has {span.Length} elements but a stored {rows} x {cols} matrix with ld{name} = {ld} needs {required} (m = {m}, n = {n}, k = {k}).",
                name.ToLowerInvariant());
        }

        return span[..(int)required];
    }

    /// <summary>Checks C (m x n, row stride ldc), rejects overlap with the inputs, and returns the part written.</summary>
    public static Span<T> CheckOutput<T>(Span<T> c, int m, int n, int ldc, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias)
    {
        if (ldc < n || ldc < 0)
        {
            throw new ShapeMismatchException($"ldc = {ldc} is smaller than the width n = {n} of C (m x n = {m} x {n}).", nameof(ldc));
        }

        long required = RequiredLength(m, n, ldc);
        if (c.Length < required)
        {
            throw new ShapeMismatchException(
                $"C has {c.Length} elements but an {m} x {n} matrix with ldc = {ldc} needs {required}.", nameof(c));
        }

        Span<T> used = c[..(int)required];
        ReadOnlySpan<T> written = used;
        if (written.Overlaps(a) || written.Overlaps(b) || written.Overlaps(bias))
        {
            throw new ArgumentException("C must not overlap A, B or bias: the product reads its inputs while it writes C.", nameof(c));
        }

        return used;
    }

    /// <summary>Dense overloads: each span must hold exactly its matrix.</summary>
    public static void CheckDenseLengths(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (aLength != (long)m * k)
        {
            throw new ShapeMismatchException($"A has {aLength} elements but op(A) is m x k = {m} x {k} ({(long)m * k} elements).", "a");
        }

        if (bLength != (long)k * n)
        {
            throw new ShapeMismatchException($"B has {bLength} elements but op(B) is k x n = {k} x {n} ({(long)k * n} elements).", "b");
        }

        if (cLength != (long)m * n)
        {
            throw new ShapeMismatchException($"C has {cLength} elements but it is m x n = {m} x {n} ({(long)m * n} elements).", "c");
        }
    }
}
