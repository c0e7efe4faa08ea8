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
/// Loads the inputs of <c>nativenet predict</c>: PGM files (P2 or P5, one image each), PNG, JPEG and BMP files
/// (converted to grayscale and scaled to the model's square input, see <see cref="PhotoReader"/>) and IDX image
/// files (raw or gzip, every image in them). Each image must have <c>inputSize</c> pixels (784 = 28 × 28 for MNIST).
/// </summary>
internal static class ImageInputs
{
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
            if (PhotoReader.IsPhoto(path))
            {
                images.Add(new InputImage(Path.GetFileName(path), PhotoReader.Read(path, inputSize, invert)));
                continue;
            }

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

    private static bool LooksLikePgm(string path)
    {
        Span<byte> magic = stackalloc byte[2];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == (byte)'P' && (magic[1] == (byte)'2' || magic[1] == (byte)'5');
    }
}
