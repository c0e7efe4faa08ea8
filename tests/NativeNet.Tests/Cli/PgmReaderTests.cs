using System.Text;
using NativeNet.Cli.Input;

namespace NativeNet.Tests.Cli;

public class PgmReaderTests
{
    private static PgmImage Parse(string text) => PgmReader.Parse(Encoding.ASCII.GetBytes(text), "test.pgm");

    [Fact]
    public void Reads_ascii_with_comments()
    {
        var image = Parse("P2\n# a comment\n3 2 # width and height\n4\n0 1 2\n3 4 # end\n0\n");
        Assert.Equal(3, image.Width);
        Assert.Equal(2, image.Height);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f, 0f], image.Pixels);
    }

    [Fact]
    public void Reads_binary_8_and_16_bit()
    {
        byte[] eight = [.. Encoding.ASCII.GetBytes("P5 2 2 255\n"), 0, 51, 255, 102];
        Assert.Equal([0f, 0.2f, 1f, 0.4f], PgmReader.Parse(eight, "x").Pixels);

        byte[] sixteen = [.. Encoding.ASCII.GetBytes("P5\n1 2\n65535\n"), 0xFF, 0xFF, 0x00, 0x00];
        Assert.Equal([1f, 0f], PgmReader.Parse(sixteen, "x").Pixels);
    }

    [Fact]
    public void Binary_round_trip()
    {
        var pixels = new float[28 * 28];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (i % 256) / 255f;
        var image = PgmReader.Parse(PgmReader.EncodeBinary(28, 28, pixels), "x");
        Assert.Equal(pixels, image.Pixels);
    }

    [Theory]
    [InlineData("P6\n1 1\n255\n", "magic")]
    [InlineData("", "magic")]
    [InlineData("P2\n", "width")]
    [InlineData("P2 2 x 255 0 0", "height")]
    [InlineData("P2 0 1 255\n", "out of range")]
    [InlineData("P2 1 1 0\n0", "max value")]
    [InlineData("P2 1 1 70000\n0", "max value")]
    [InlineData("P2 2 1 255\n0", "ends after 1 of 2")]
    [InlineData("P2 1 1 255\n256", "above the max value")]
    [InlineData("P2 1 1 255\n1 2", "after the last")]
    [InlineData("P2 1 1 255\n1x", "not a number")]
    [InlineData("P2 99999999999 1 255\n", "width")]
    [InlineData("P5 2 2 255\n\u0001\u0002\u0003", "raster has 3 bytes")]
    [InlineData("P5 1 1 255", "whitespace")]
    public void Rejects_malformed_images(string text, string problem)
    {
        var e = Assert.Throws<InvalidFileFormatException>(() => Parse(text));
        Assert.Contains("test.pgm", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
