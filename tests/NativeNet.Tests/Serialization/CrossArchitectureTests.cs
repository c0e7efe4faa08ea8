using System.Globalization;
using System.Runtime.InteropServices;
using NativeNet.Cli.Commands;
using NativeNet.Cli.Input;
using NativeNet.Datasets;
using NativeNet.Serialization;

namespace NativeNet.Tests.Serialization;

/// <summary>
/// Model files and predictions are the same on x64 and ARM64. The CI sets NATIVENET_CROSS_ARCH_DIR to a folder
/// holding the model files that <c>nativenet train</c> wrote on each architecture (model-x64.nnet, and
/// model-arm64.nnet written under emulation), runs this class on x64 and then the suite as linux-arm64. Each run
/// loads every model, classifies the first bundled test images with the code of <c>nativenet predict</c>,
/// writes the labels and probabilities (predictions-{model}-on-{architecture}.txt) and compares them with every
/// other architecture's file: the same labels, probabilities within 1e-5. Skipped when the variable is unset.
/// </summary>
public class CrossArchitectureTests
{
    private const string DirectoryVariable = "NATIVENET_CROSS_ARCH_DIR";
    private const int ImageCount = 1000;
    private const double Tolerance = 1e-5;

    [Fact]
    public void Models_from_every_architecture_load_and_predict_the_same_labels_and_probabilities()
    {
        string? directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(directory), $"{DirectoryVariable} is not set (the CI sets it for its x64 and ARM64 runs).");
        string[] models = Directory.GetFiles(directory!, "model-*.nnet");
        Assert.True(models.Length > 0, $"no model-*.nnet in {directory}");

        string architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        List<InputImage> images = TestImages();
        int compared = 0;
        foreach (string model in models)
        {
            string name = Path.GetFileNameWithoutExtension(model);
            List<Prediction> predictions = PredictCommand.Predict(ModelFile.Load<float>(model).Network, images);
            File.WriteAllLines(Path.Combine(directory!, $"predictions-{name}-on-{architecture}.txt"), predictions.Select(Format));
            foreach (string other in Directory.GetFiles(directory!, $"predictions-{name}-on-*.txt"))
            {
                if (other.EndsWith($"-on-{architecture}.txt", StringComparison.Ordinal))
                {
                    continue;
                }

                AssertSame(File.ReadAllLines(other), predictions, $"{name}: {Path.GetFileName(other)} vs {architecture}");
                compared++;
            }
        }

        if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            // The ARM64 run comes second in the CI: it must have had x64 predictions to compare with.
            Assert.True(compared >= models.Length, $"the ARM64 run compared {compared} prediction files for {models.Length} models; run the x64 side first");
        }
    }

    private static List<InputImage> TestImages()
    {
        var test = BundledMnist.Load().Test;
        var images = new List<InputImage>(ImageCount);
        for (int i = 0; i < ImageCount; i++)
        {
            images.Add(new InputImage($"test[{i}]", test.Sample(i).ToArray()));
        }

        return images;
    }

    private static string Format(Prediction prediction) =>
        string.Join(' ', [prediction.Label.ToString(CultureInfo.InvariantCulture), .. prediction.Probabilities.Select(p => p.ToString("R", CultureInfo.InvariantCulture))]);

    private static void AssertSame(string[] expectedLines, List<Prediction> actual, string context)
    {
        Assert.True(expectedLines.Length == actual.Count, $"{context}: {expectedLines.Length} predictions, expected {actual.Count}");
        double worst = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            double[] expected = expectedLines[i].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.True((int)expected[0] == actual[i].Label, $"{context}: image {i} is labelled {actual[i].Label}, {(int)expected[0]} on the other architecture");
            Assert.Equal(expected.Length - 1, actual[i].Probabilities.Length);
            for (int c = 0; c < actual[i].Probabilities.Length; c++)
            {
                worst = Math.Max(worst, Math.Abs(expected[c + 1] - actual[i].Probabilities[c]));
            }
        }

        Assert.True(worst <= Tolerance, $"{context}: probabilities differ by up to {worst:G3} (limit {Tolerance:G1})");
        TestContext.Current.SendDiagnosticMessage($"{context}: same labels, probabilities within {worst:G3}");
    }
}
