using System.CommandLine;
using System.Globalization;
using NativeNet.Cli.Experiments;
using NativeNet.Cli.Rendering;
using NativeNet.Data;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet eval</c>: a model's accuracy on the test set and its 10 × 10 confusion matrix.</summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelOption.Create();
        var data = new Option<string?>("--data") { Description = "Folder with the MNIST test files (t10k images and labels, raw or .gz); default: the bundled sample. Training files are not read." };
        var command = new Command("eval", "Evaluate a saved model on the test set: accuracy and confusion matrix.") { model, data };
        command.SetAction(parseResult =>
        {
            var classifier = ModelOption.LoadAny(parseResult.GetValue(model)!);
            var dataDirectory = parseResult.GetValue(data);
            var test = DataOptions.LoadTest(dataDirectory);
            var evaluation = Evaluate(classifier.Session, test);
            console.WriteLine($"model     {classifier.Description}");
            console.WriteLine($"data      {DataOptions.Describe(dataDirectory)}: {test.Count} test images");
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy  {evaluation.Accuracy:F4} ({evaluation.Correct} of {test.Count})"));
            TableRenderer.Write(console.Ansi, ConfusionTable(evaluation));
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Predicts every test image and counts [true label, predicted label].</summary>
    internal static Evaluation Evaluate(Network<float> network, LabeledDataset<float> test) => Evaluate(network.CreateSession(), test);

    /// <summary>Predicts every test image with <paramref name="network"/> (a .nnet or ONNX model's session) and counts [true label, predicted label].</summary>
    internal static Evaluation Evaluate(InferenceSession<float> network, LabeledDataset<float> test)
    {
        if (test.FeatureCount != network.InputSize)
            throw new ShapeMismatchException($"The data have {test.FeatureCount} features per image, the model takes {network.InputSize}.");
        var classes = network.OutputSize;
        var scores = new float[test.Count * classes];
        network.Predict(new ReadOnlyTensorView<float>(test.Features, new Shape(test.Count, test.FeatureCount)), new TensorView<float>(scores, new Shape(test.Count, classes)));
        var confusion = new int[classes, classes];
        var correct = 0;
        for (var n = 0; n < test.Count; n++)
        {
            var predicted = ArgMax(scores.AsSpan(n * classes, classes));
            var label = test.Labels[n];
            if (label < 0 || label >= classes)
                throw new ShapeMismatchException($"Test label {label} at index {n} is outside the model's {classes} classes.");
            confusion[label, predicted]++;
            if (predicted == label)
                correct++;
        }

        return new Evaluation(confusion, correct, test.Count);
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }

        return best;
    }

    private static ResultTable ConfusionTable(Evaluation evaluation)
    {
        var classes = evaluation.Confusion.GetLength(0);
        var columns = new List<string> { "true \\ predicted" };
        for (var c = 0; c < classes; c++)
            columns.Add(c.ToString(CultureInfo.InvariantCulture));
        columns.Add("recall");
        var table = new ResultTable("Confusion matrix (rows: true label, columns: predicted label)", [.. columns]);
        for (var t = 0; t < classes; t++)
        {
            var row = new List<string> { t.ToString(CultureInfo.InvariantCulture) };
            var total = 0;
            for (var p = 0; p < classes; p++)
            {
                row.Add(evaluation.Confusion[t, p].ToString(CultureInfo.InvariantCulture));
                total += evaluation.Confusion[t, p];
            }

            row.Add(total == 0 ? "-" : Format.Fixed((double)evaluation.Confusion[t, t] / total, 3));
            table.Add([.. row]);
        }

        return table;
    }
}

/// <summary>A confusion matrix [true, predicted] with the number of correct predictions.</summary>
internal sealed record Evaluation(int[,] Confusion, int Correct, int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}
