using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NativeNet.Cli;
using NativeNet.Cli.Input;
using NativeNet.Datasets;

namespace NativeNet.Tests.Cli;

/// <summary>train → eval → predict in-process, and the one-line errors of each.</summary>
public class ModelCommandTests
{
    private static readonly Lazy<(TempDirectory Dir, string Model)> _trained = new(() =>
    {
        var dir = new TempDirectory();
        var model = dir.File("small.nnet");
        var run = CliRunner.Run("train", "--epochs", "2", "--hidden", "50", "--eval-samples", "1000", "--out", model, "--plots", dir.File("plots"));
        Assert.True(run.ExitCode == 0, run.Error);
        return (dir, model);
    });

    private static string Model => _trained.Value.Model;

    private static TempDirectory Dir => _trained.Value.Dir;

    [Fact]
    public void Train_prints_epochs_saves_the_model_and_writes_plots()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("train", "--epochs", "2", "--hidden", "30,20", "--optimizer", "momentum", "--lr", "0.05", "--eval-samples", "500",
            "--batchnorm", "--dropout", "0.1", "--weight-decay", "0.001", "--init", "0.05", "--sampling", "permutation", "--seed", "3",
            "--out", dir.File("m.nnet"), "--plots", dir.File("p"));
        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Contains("784-30-20-10", run.Output, StringComparison.Ordinal);
        Assert.Contains("epoch   1/2", run.Output, StringComparison.Ordinal);
        Assert.Contains("epoch   2/2", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"final test accuracy 0\.\d{4}", run.Output);
        Assert.True(File.Exists(dir.File("m.nnet")));
        // The plots show their curves by name in the legend, and their axis titles.
        var texts = new[] { "loss.svg", "accuracy.svg" }
            .Select(plot => XDocument.Load(Path.Combine(dir.File("p"), plot)))
            .Select(svg => svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList())
            .ToArray();
        Assert.Contains(texts[0], t => t.StartsWith("Training loss: 784-30-20-10", StringComparison.Ordinal));
        Assert.Subset(new HashSet<string>(texts[0]), new HashSet<string> { "mini-batch loss", "smoothed", "iteration", "loss" });
        Assert.Subset(new HashSet<string>(texts[1]), new HashSet<string> { "train", "test", "epoch", "accuracy" });
    }

    [Fact]
    public void Eval_prints_accuracy_and_a_confusion_matrix_that_adds_up()
    {
        var run = CliRunner.Run("eval", "--model", Model);
        Assert.Equal(CliApp.Success, run.ExitCode);
        var accuracy = double.Parse(Regex.Match(run.Output, @"accuracy\s+(0\.\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.85, 1.0);
        Assert.Contains("recall", run.Output, StringComparison.Ordinal);
        // Ten rows of ten counts; all counts together are the 10 000 test images, the diagonal the correct ones.
        var rows = run.Output.Split('\n').Where(l => Regex.IsMatch(l, @"^│ \d ")).ToArray();
        Assert.Equal(10, rows.Length);
        long total = 0;
        long diagonal = 0;
        for (var t = 0; t < 10; t++)
        {
            var cells = rows[t].Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var p = 0; p < 10; p++)
            {
                var count = long.Parse(cells[1 + p], CultureInfo.InvariantCulture);
                total += count;
                if (p == t)
                    diagonal += count;
            }
        }

        Assert.Equal(BundledMnist.TestCount, total);
        Assert.Equal(accuracy, diagonal / (double)total, 4);
    }

    [Fact]
    public void Predict_classifies_pgm_and_idx_images()
    {
        var test = BundledMnist.Load().Test;
        var pgm = Dir.File("digit.pgm");
        File.WriteAllBytes(pgm, PgmReader.EncodeBinary(28, 28, test.Sample(0)));
        var ascii = Dir.File("digit-ascii.pgm");
        File.WriteAllText(ascii, "P2\n28 28\n255\n" + string.Join(' ', test.Sample(1).ToArray().Select(v => ((int)MathF.Round(v * 255)).ToString(CultureInfo.InvariantCulture))) + "\n");
        var idx = Dir.File("three.idx");
        using (var stream = BundledMnist.Open("t10k-images-idx3-ubyte.gz"))
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress))
        {
            var header = new byte[16];
            gzip.ReadExactly(header);
            header[4] = header[5] = header[6] = 0;
            header[7] = 3; // three images (big-endian count)
            var pixels = new byte[3 * 784];
            gzip.ReadExactly(pixels);
            File.WriteAllBytes(idx, [.. header, .. pixels]);
        }

        var run = CliRunner.Run("predict", "--model", Model, pgm, ascii, idx);
        Assert.Equal(CliApp.Success, run.ExitCode);
        var rows = run.Output.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal) && !l.Contains("input", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, rows.Length);
        int Label(string row) => int.Parse(row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1], CultureInfo.InvariantCulture);
        // The first test images are 7, 2, 1; the PGM copies of images 0 and 1 agree with the IDX file.
        Assert.Equal(test.Labels[0], Label(rows[0]));
        Assert.Equal(test.Labels[1], Label(rows[1]));
        Assert.Equal([test.Labels[0], test.Labels[1], test.Labels[2]], rows[2..].Select(Label).ToArray());
        Assert.Contains("three.idx[2]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_is_a_one_line_error()
    {
        CliRunner.Run("eval", "--model", Dir.File("no-such.nnet")).AssertOneLineError("no-such.nnet", "does not exist");
        CliRunner.Run("predict", "--model", Dir.File("no-such.nnet"), "x.pgm").AssertOneLineError("no-such.nnet");
    }

    [Fact]
    public void Corrupt_model_files_are_one_line_errors()
    {
        var bytes = File.ReadAllBytes(Model);
        var truncated = Dir.File("truncated.nnet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        CliRunner.Run("eval", "--model", truncated).AssertOneLineError("truncated.nnet");

        var flipped = Dir.File("flipped.nnet");
        var copy = (byte[])bytes.Clone();
        copy[copy.Length / 2] ^= 0x55;
        File.WriteAllBytes(flipped, copy);
        CliRunner.Run("eval", "--model", flipped).AssertOneLineError("flipped.nnet");

        var text = Dir.File("text.nnet");
        File.WriteAllText(text, "this is not a model");
        CliRunner.Run("eval", "--model", text).AssertOneLineError("text.nnet");
    }

    [Fact]
    public void Bad_inputs_to_predict_are_one_line_errors()
    {
        var small = Dir.File("small.pgm");
        File.WriteAllText(small, "P2 2 2 255\n0 0 0 0\n");
        CliRunner.Run("predict", "--model", Model, small).AssertOneLineError("small.pgm", "2x2");

        var junk = Dir.File("junk.bin");
        File.WriteAllBytes(junk, [1, 2, 3, 4, 5]);
        CliRunner.Run("predict", "--model", Model, junk).AssertOneLineError("junk.bin");

        CliRunner.Run("predict", "--model", Model, Dir.File("absent.pgm")).AssertOneLineError("absent.pgm");
        CliRunner.Run("predict", "--model", Model).AssertOneLineError();
    }

    [Theory]
    [InlineData(CliApp.UsageError, "--hidden", "100,x")]
    [InlineData(CliApp.UsageError, "--hidden", "100,0")]
    [InlineData(CliApp.UsageError, "--activation", "softplus")]
    [InlineData(CliApp.UsageError, "--optimizer", "lbfgs")]
    [InlineData(CliApp.UsageError, "--epochs", "0")]
    [InlineData(CliApp.UsageError, "--epochs", "many")]
    [InlineData(CliApp.UsageError, "--batch", "-5")]
    [InlineData(CliApp.UsageError, "--init", "bogus")]
    [InlineData(CliApp.UsageError, "--sampling", "sometimes")]
    [InlineData(CliApp.UsageError, "--lr", "-1")]
    [InlineData(CliApp.Failure, "--optimizer", "sgd", "--beta1", "0.5")]
    [InlineData(CliApp.UsageError, "--dropout", "1.5")]
    [InlineData(CliApp.Failure, "--data", "/no/such/folder")]
    public void Bad_train_arguments_are_one_line_errors(int expectedCode, params string[] args)
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run(["train", "--epochs", "1", .. args, "--out", dir.File("m.nnet"), "--plots", dir.File("p")]);
        Assert.Equal(expectedCode, run.ExitCode);
        run.AssertOneLineError();
        Assert.False(File.Exists(dir.File("m.nnet")));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Default_train_reaches_the_reference_accuracy()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("train", "--out", dir.File("model.nnet"), "--plots", dir.File("plots"));
        Assert.Equal(CliApp.Success, run.ExitCode);
        var accuracy = double.Parse(Regex.Match(run.Output, @"final test accuracy (0\.\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.95, $"final test accuracy {accuracy}");
        Assert.Contains("epoch  30/30", run.Output, StringComparison.Ordinal);
    }
}
