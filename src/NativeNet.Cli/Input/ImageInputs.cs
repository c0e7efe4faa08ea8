using NativeNet.Data;

namespace NativeNet.Cli.Input;

/// <summary>One image to classify: its name (file name, and index within an IDX file) and its pixels in [0, 1], row-major.</summary>
internal sealed record InputImage(string Source, float[] Pixels);

/// <summary>
/// Loads the inputs of <c>nativenet predict</c>: PGM files (P2 or P5, one image each) and IDX image files
/// (raw or gzip, every image in them). Each image must have <c>inputSize</c> pixels (784 = 28 × 28 for MNIST).
/// </summary>
internal static class ImageInputs
{
    public static List<InputImage> Load(IEnumerable<string> paths, int inputSize)
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
                images.Add(new InputImage($"{Path.GetFileName(path)}[{n}]", pixels));
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
