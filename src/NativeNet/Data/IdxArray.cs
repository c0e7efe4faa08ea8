namespace NativeNet.Data;

/// <summary>
/// The content of one IDX file of unsigned bytes (element type 0x08): its dimensions, outermost first
/// (for MNIST images <c>count x rows x columns</c>, for labels <c>count</c>), and the elements in
/// row-major order, so <c>Data.Length</c> is the product of the dimensions.
/// </summary>
public sealed class IdxArray
{
    /// <summary>Wraps dimensions and data after checking that the data holds exactly their product.</summary>
    /// <param name="dimensions">Every dimension, outermost first; each must be positive.</param>
    /// <param name="data">The elements, row-major; its length must equal the product of <paramref name="dimensions"/>.</param>
    /// <exception cref="ShapeMismatchException">The data length is not the product of the dimensions.</exception>
    public IdxArray(int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length == 0)
        {
            throw new ArgumentException("An IDX array needs at least one dimension.", nameof(dimensions));
        }

        long product = 1;
        foreach (int dimension in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension, nameof(dimensions));
            product *= dimension;
            if (product > data.Length)
            {
                break;
            }
        }

        if (product != data.Length)
        {
            throw new ShapeMismatchException(
                $"IDX dimensions {FormatDimensions(dimensions)} need {product} elements, but the data holds {data.Length}.",
                nameof(data));
        }

        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>The dimensions, outermost first (for MNIST images: count, rows, columns).</summary>
    public int[] Dimensions { get; }

    /// <summary>The elements in row-major order (the last dimension varies fastest).</summary>
    public byte[] Data { get; }

    /// <summary>The outermost dimension: the number of items (images or labels) in the file.</summary>
    public int Count => Dimensions[0];

    /// <summary>Elements per item: the product of all dimensions but the first (784 for 28x28 images, 1 for labels).</summary>
    public int ItemLength => Data.Length / Dimensions[0];

    /// <summary>Formats dimensions as in error messages and reports, for example <c>10000x28x28</c>.</summary>
    public static string FormatDimensions(ReadOnlySpan<int> dimensions)
    {
        return string.Join('x', dimensions.ToArray());
    }
}
