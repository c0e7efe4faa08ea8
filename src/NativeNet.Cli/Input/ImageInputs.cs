using NativeNet.Data;

namespace NativeNet.Cli.Input;

/// <summary>One image to classify: its name (file name, and index within an IDX file) and its pixels in [0, 1], row-major.</summary>
/// <param name="Source">The name shown: the file name, with <c>[n]</c> for the n-th image of an IDX file.</param>
/// <param name="Pixels">The pixels in [0, 1], row-major.</param>
/// <param name="File">The file name alone.</param>
/// <param name="Index">The image's index within its file (0 for one-image files).</param>
internal sealed record InputImage(string Source, float[] Pixels, string File, int Index = 0)
{
    /// <summary>An image that is a whole file.</summary>
    public InputImage(string source, float[] pixels)
        : this(source, pixels, source)
    {
    }
}

/// <summary>
/// Loads the inputs of <c>nativenet predict</c>: PGM files (P2 or P5, one image each), IDX image files
/// (raw or gzip, every image in them), and PNG, JPEG or BMP images (one each). PGM and IDX images must have
/// <c>inputSize</c> pixels (784 = 28 × 28 for MNIST); PNG, JPEG and BMP images are made greyscale and scaled
/// to the model's square input (<see cref="Decode"/>, which <c>nativenet serve</c> uses too).
/// </summary>
internal static class ImageInputs
{
    /// <summary>PNG, JPEG and BMP files wider or taller than this are refused before decoding.</summary>
    public const int MaxEncodedSide = 8192;

    /// <summary>
    /// A PNG, JPEG or BMP image as the model's input: greyscale intensities in [0, 1], scaled to its square
    /// input (see <see cref="EncodedImage"/> and <see cref="ImageGrid"/>).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The model's input is not a square image.</exception>
    public static float[] Decode(byte[] bytes, string sourceName, int inputSize, int maxSide)
    {
        var side = ImageGrid.SideOf(inputSize);
        if (side == 0)
            throw new ShapeMismatchException($"{sourceName}: the model takes {inputSize} features, not a square image.");
        return ImageGrid.Scale(EncodedImage.Decode(bytes, sourceName, maxSide), side);
    }

    /// <param name="paths">The input files.</param>
    /// <param name="inputSize">The pixels per image the model takes.</param>
    /// <param name="invert">Inverts PNG/JPEG/BMP images (<c>1 - v</c>): for dark digits on a light background.</param>
    public static List<InputImage> Load(IEnumerable<string> paths, int inputSize, bool invert = false)
    {
        var images = new List<InputImage>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Input file '{path}' does not exist.", path);
            if (LooksLikePgm(path))
            {
                var image = PgmReader.Read(path);
                if (image.Pixels.Length != inputSize)
                {
                    throw new ShapeMismatchException(
                        $"{path}: the image is {image.Width}x{image.Height} ({image.Pixels.Length} pixels), the model takes {inputSize} (28x28 for MNIST).");
                }

                images.Add(new InputImage(Path.GetFileName(path), image.Pixels));
                continue;
            }

            if (LooksLikeEncodedImage(path))
            {
                var pixels = Decode(File.ReadAllBytes(path), path, inputSize, MaxEncodedSide);
                if (invert)
                {
                    for (var i = 0; i < pixels.Length; i++)
                        pixels[i] = 1f - pixels[i];
                }

                images.Add(new InputImage(Path.GetFileName(path), pixels));
                continue;
            }

            var idx = IdxReader.Read(path);
            if (idx.Dimensions.Length < 2 || idx.ItemLength != inputSize)
            {
                throw new ShapeMismatchException(
                    $"{path}: IDX dimensions {IdxArray.FormatDimensions(idx.Dimensions)} are not images of {inputSize} pixels (expected N x 28 x 28 for MNIST).");
            }

            for (var n = 0; n < idx.Count; n++)
            {
                var pixels = new float[inputSize];
                var source = idx.Data.AsSpan(n * inputSize, inputSize);
                for (var i = 0; i < inputSize; i++)
                    pixels[i] = source[i] / 255f;
                images.Add(new InputImage($"{Path.GetFileName(path)}[{n}]", pixels, Path.GetFileName(path), n));
            }
        }

        return images;
    }

    private static bool LooksLikeEncodedImage(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return EncodedImage.IsSupported(magic[..stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false)]);
    }

    private static bool LooksLikePgm(string path)
    {
        Span<byte> magic = stackalloc byte[2];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == (byte)'P' && (magic[1] == (byte)'2' || magic[1] == (byte)'5');
    }
}
