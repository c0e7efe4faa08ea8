using System.Numerics;

namespace NativeNet.Kernels;

// TEMPORARY: naive scalar stand-ins for kernels being written on other branches. This file is
// deleted when the real kernels are merged; nothing else may live here.

/// <summary>Whether a GEMM operand is used as stored or transposed.</summary>
public enum MatrixTranspose
{
    /// <summary>Use the matrix as stored.</summary>
    None,

    /// <summary>Use the transpose of the stored matrix.</summary>
    Transpose,
}

/// <summary>An activation fused into the GEMM epilogue.</summary>
public enum GemmActivation
{
    /// <summary>No activation.</summary>
    None,

    /// <summary><c>max(0, v)</c>.</summary>
    Relu,
}

/// <summary>Dense row-major matrix products (naive stand-in).</summary>
public static class Gemm
{
    /// <summary><c>C = alpha·op(A)·op(B) + beta·C</c>; op(A) is m × k, op(B) is k × n; beta 0 overwrites C.</summary>
    public static void Multiply<T>(MatrixTranspose transA, MatrixTranspose transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ShapeMismatchException($"Gemm: spans too short for m={m}, n={n}, k={k}.");
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T av = transA == MatrixTranspose.None ? a[(i * k) + p] : a[(p * m) + i];
                    T bv = transB == MatrixTranspose.None ? b[(p * n) + j] : b[(j * k) + p];
                    sum += av * bv;
                }

                c[(i * n) + j] = beta == T.Zero ? alpha * sum : (alpha * sum) + (beta * c[(i * n) + j]);
            }
        }
    }

    /// <summary><c>C = act(A·B + bias)</c> with A m × k, B k × n, bias n.</summary>
    public static void MultiplyAddBias<T>(int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c, GemmActivation activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Multiply(MatrixTranspose.None, MatrixTranspose.None, m, n, k, T.One, a, b, T.Zero, c);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T v = c[(i * n) + j] + bias[j];
                c[(i * n) + j] = activation == GemmActivation.Relu && !(v > T.Zero) ? T.Zero : v;
            }
        }
    }
}

/// <summary>Element-wise operations and reductions (naive stand-in).</summary>
public static class ElementwiseKernels
{
    /// <summary><c>max(0, x)</c>.</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] > T.Zero ? x[i] : T.Zero;
        }
    }

    /// <summary><c>dx = x &gt; 0 ? dy : 0</c>.</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = x[i] > T.Zero ? dy[i] : T.Zero;
        }
    }

    /// <summary><c>1 / (1 + exp(-x))</c>.</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = T.One / (T.One + T.Exp(-x[i]));
        }
    }

    /// <summary><c>dx = dy · y (1 - y)</c>.</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++)
        {
            dx[i] = dy[i] * y[i] * (T.One - y[i]);
        }
    }

    /// <summary><c>tanh(x)</c>.</summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = T.Tanh(x[i]);
        }
    }

    /// <summary><c>dx = dy · (1 - y²)</c>.</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++)
        {
            dx[i] = dy[i] * (T.One - (y[i] * y[i]));
        }
    }

    /// <summary>Per row: <c>exp(x - max) / Σ exp(x - max)</c>.</summary>
    public static void SoftmaxRows<T>(ReadOnlySpan<T> x, Span<T> destination, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * cols, cols);
            Span<T> dst = destination.Slice(r * cols, cols);
            T max = row[0];
            for (int j = 1; j < cols; j++)
            {
                max = T.Max(max, row[j]);
            }

            T sum = T.Zero;
            for (int j = 0; j < cols; j++)
            {
                dst[j] = T.Exp(row[j] - max);
                sum += dst[j];
            }

            for (int j = 0; j < cols; j++)
            {
                dst[j] /= sum;
            }
        }
    }

    /// <summary><c>destination[j] += Σ_i x[i, j]</c>.</summary>
    public static void ColumnSumsAdd<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                destination[j] += x[(i * cols) + j];
            }
        }
    }

    /// <summary>Per column: mean and population variance.</summary>
    public static void ColumnMeanVariance<T>(ReadOnlySpan<T> x, int rows, int cols, Span<T> mean, Span<T> variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T n = T.CreateChecked(rows);
        for (int j = 0; j < cols; j++)
        {
            T sum = T.Zero;
            for (int i = 0; i < rows; i++)
            {
                sum += x[(i * cols) + j];
            }

            T mu = sum / n;
            T squares = T.Zero;
            for (int i = 0; i < rows; i++)
            {
                T d = x[(i * cols) + j] - mu;
                squares += d * d;
            }

            mean[j] = mu;
            variance[j] = squares / n;
        }
    }

    /// <summary><c>destination[i, j] = x[i, j] + bias[j]</c>.</summary>
    public static void AddRowVector<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> bias, Span<T> destination, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                destination[(i * cols) + j] = x[(i * cols) + j] + bias[j];
            }
        }
    }
}
