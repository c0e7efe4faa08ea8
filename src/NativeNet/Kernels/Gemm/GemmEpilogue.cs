using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// How a tile of accumulated products for one k-block is written into C:
/// r = alpha * acc; r += bias (first k-block only); r += beta * C (first block, beta != 0) or r += C (later blocks);
/// r = max(r, 0) (last block, ReLU); C = r.
/// Vector and scalar forms perform the same IEEE operations in the same order, so a C element gets the same bits
/// whether its tile is full (vector store) or ragged (scalar store): results do not depend on how C is split.
/// </summary>
internal readonly struct GemmEpilogue<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T Alpha;
    public readonly T Beta;
    public readonly bool ScaleByAlpha;
    public readonly bool LoadC;
    public readonly bool ScaleC;
    public readonly bool Relu;

    private GemmEpilogue(T alpha, T beta, bool loadC, bool scaleC, bool relu)
    {
        Alpha = alpha;
        Beta = beta;
        ScaleByAlpha = alpha != T.One;
        LoadC = loadC;
        ScaleC = scaleC;
        Relu = relu;
    }

    /// <summary>The epilogue for the k-block starting at <paramref name="firstBlock"/> and possibly ending the sum.</summary>
    public static GemmEpilogue<T> ForBlock(T alpha, T beta, bool firstBlock, bool lastBlock, bool relu) =>
        firstBlock
            ? new GemmEpilogue<T>(alpha, beta, beta != T.Zero, beta != T.Zero && beta != T.One, relu && lastBlock)
            : new GemmEpilogue<T>(alpha, beta, true, false, relu && lastBlock);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store(T acc, T* c, T* bias)
    {
        T r = ScaleByAlpha ? Alpha * acc : acc;
        if (bias != null)
        {
            r += *bias;
        }

        if (LoadC)
        {
            r += ScaleC ? Beta * *c : *c;
        }

        *c = Relu ? T.Max(r, T.Zero) : r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store(Vector512<T> acc, T* c, T* bias)
    {
        Vector512<T> r = ScaleByAlpha ? Vector512.Create(Alpha) * acc : acc;
        if (bias != null)
        {
            r += Vector512.Load(bias);
        }

        if (LoadC)
        {
            r += ScaleC ? Vector512.Create(Beta) * Vector512.Load(c) : Vector512.Load(c);
        }

        (Relu ? Vector512.Max(r, Vector512<T>.Zero) : r).Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store(Vector256<T> acc, T* c, T* bias)
    {
        Vector256<T> r = ScaleByAlpha ? Vector256.Create(Alpha) * acc : acc;
        if (bias != null)
        {
            r += Vector256.Load(bias);
        }

        if (LoadC)
        {
            r += ScaleC ? Vector256.Create(Beta) * Vector256.Load(c) : Vector256.Load(c);
        }

        (Relu ? Vector256.Max(r, Vector256<T>.Zero) : r).Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Store(Vector128<T> acc, T* c, T* bias)
    {
        Vector128<T> r = ScaleByAlpha ? Vector128.Create(Alpha) * acc : acc;
        if (bias != null)
        {
            r += Vector128.Load(bias);
        }

        if (LoadC)
        {
            r += ScaleC ? Vector128.Create(Beta) * Vector128.Load(c) : Vector128.Load(c);
        }

        (Relu ? Vector128.Max(r, Vector128<T>.Zero) : r).Store(c);
    }

    /// <summary>Writes the valid rows x cols corner of a tile held in <paramref name="tile"/> (row stride <paramref name="tileStride"/>).</summary>
    public unsafe void StoreTile(T* tile, int tileStride, T* c, int ldc, int rows, int cols, T* bias)
    {
        for (int r = 0; r < rows; r++)
        {
            T* src = tile + ((nint)r * tileStride);
            T* dst = c + ((nint)r * ldc);
            for (int j = 0; j < cols; j++)
            {
                Store(src[j], dst + j, bias == null ? null : bias + j);
            }
        }
    }
}
