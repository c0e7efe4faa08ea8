using System.Runtime.CompilerServices;

// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Tensors;

/// <summary>
/// The dimensions of a row-major tensor of rank 1 to 4, for example <c>(N, D)</c> for a mini-batch
/// of a fully connected layer or <c>(N, C, H, W)</c> for images. The first dimension is the leading
/// (batch) dimension: <see cref="RowLength"/> is the product of all the others.
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    /// <summary>The largest rank a <see cref="Shape"/> can have.</summary>
    public const int MaxRank = 4;

    private readonly int _d0;
    private readonly int _d1;
    private readonly int _d2;
    private readonly int _d3;

    /// <summary>A vector of <paramref name="d0"/> elements.</summary>
    public Shape(int d0)
        : this(1, d0, 1, 1, 1)
    {
    }

    /// <summary>A matrix of <paramref name="rows"/> × <paramref name="columns"/> elements.</summary>
    public Shape(int rows, int columns)
        : this(2, rows, columns, 1, 1)
    {
    }

    /// <summary>A rank-3 tensor.</summary>
    public Shape(int d0, int d1, int d2)
        : this(3, d0, d1, d2, 1)
    {
    }

    /// <summary>A rank-4 tensor, for example <c>(N, C, H, W)</c>.</summary>
    public Shape(int d0, int d1, int d2, int d3)
        : this(4, d0, d1, d2, d3)
    {
    }

    private Shape(int rank, int d0, int d1, int d2, int d3)
    {
        if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(d0), $"Tensor dimensions must be non-negative, got {Format(rank, d0, d1, d2, d3)}.");
        }

        long length = (long)d0 * d1 * d2 * d3;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(d0), $"Tensor shape {Format(rank, d0, d1, d2, d3)} has {length} elements, more than an array can hold.");
        }

        Rank = rank;
        _d0 = d0;
        _d1 = d1;
        _d2 = d2;
        _d3 = d3;
        Length = (int)length;
    }

    /// <summary>The number of dimensions (1 to 4); 0 only for <c>default(Shape)</c>.</summary>
    public int Rank { get; }

    /// <summary>The number of elements: the product of all dimensions.</summary>
    public int Length { get; }

    /// <summary>The leading (batch) dimension.</summary>
    public int Rows => _d0;

    /// <summary>The number of elements in one leading slice (one sample): the product of the dimensions after the first, 1 for a vector.</summary>
    public int RowLength => _d1 * _d2 * _d3;

    /// <summary>The size of dimension <paramref name="axis"/>.</summary>
    public int this[int axis]
    {
        get
        {
            if ((uint)axis >= (uint)Rank)
            {
                throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this}.");
            }

            return axis switch { 0 => _d0, 1 => _d1, 2 => _d2, _ => _d3 };
        }
    }

    /// <summary>The same shape with the leading dimension replaced, as for a smaller last batch.</summary>
    public Shape WithRows(int rows) => new(Rank, rows, _d1, _d2, _d3);

    /// <summary>Throws <see cref="ShapeMismatchException"/> unless <paramref name="other"/> equals this shape.</summary>
    /// <param name="other">The shape to compare with.</param>
    /// <param name="what">What is being checked, used in the message (for example "dY of Affine").</param>
    public void MustEqual(Shape other, string what)
    {
        if (!Equals(other))
        {
            throw new ShapeMismatchException($"{what}: expected shape {this}, got {other}.");
        }
    }

    /// <inheritdoc/>
    public bool Equals(Shape other) =>
        Rank == other.Rank && _d0 == other._d0 && _d1 == other._d1 && _d2 == other._d2 && _d3 == other._d3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rank, _d0, _d1, _d2, _d3);

    /// <summary>Equality of rank and every dimension.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>Inequality of rank or any dimension.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>Formats as <c>(d0, d1, …)</c>.</summary>
    public override string ToString() => Format(Rank, _d0, _d1, _d2, _d3);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Format(int rank, int d0, int d1, int d2, int d3) => rank switch
    {
        0 => "()",
        1 => $"({d0})",
        2 => $"({d0}, {d1})",
        3 => $"({d0}, {d1}, {d2})",
        _ => $"({d0}, {d1}, {d2}, {d3})",
    };
}
