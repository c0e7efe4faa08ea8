namespace NativeNet.Cli.Input;

/// <summary>
/// Scales a greyscale image to the model's square input (28 × 28 for MNIST): each output pixel is the mean of
/// the source pixels that fall in it (a box filter, so thin strokes are kept rather than skipped), or the
/// nearest source pixel when the image is smaller than the grid. An image of the grid's size is used as is.
/// The aspect ratio is not kept: send square images.
/// </summary>
internal static class ImageGrid
{
    /// <summary>The side of a square input of <paramref name="inputSize"/> features, or 0 if it is not square.</summary>
    public static int SideOf(int inputSize)
    {
        var side = (int)Math.Round(Math.Sqrt(inputSize));
        return side * side == inputSize ? side : 0;
    }

    public static float[] Scale(PgmImage image, int side)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        var (width, height, source) = (image.Width, image.Height, image.Pixels);
        if (width == side && height == side)
            return source;

        var result = new float[side * side];
        if (width >= side && height >= side)
        {
            var counts = new int[side * side];
            for (var y = 0; y < height; y++)
            {
                var row = (int)((long)y * side / height) * side;
                for (var x = 0; x < width; x++)
                {
                    var cell = row + (int)((long)x * side / width);
                    result[cell] += source[(y * width) + x];
                    counts[cell]++;
                }
            }

            for (var i = 0; i < result.Length; i++)
                result[i] /= counts[i];
            return result;
        }

        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
                result[(y * side) + x] = source[((int)((long)y * height / side) * width) + (int)((long)x * width / side)];
        }

        return result;
    }
}
