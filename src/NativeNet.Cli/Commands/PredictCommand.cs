using System.CommandLine;
using System.Globalization;
using NativeNet.Cli.Arguments;
using NativeNet.Cli.Experiments;
using NativeNet.Cli.Input;
using NativeNet.Cli.Rendering;
using NativeNet.Tensors;

namespace NativeNet.Cli.Commands;

/// <summary>
/// <c>nativenet predict</c>: classifies images (PGM, PNG, JPEG, BMP files, or every image of IDX files) with a saved
/// .nnet or ONNX model; optionally writes the predictions to a CSV file.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelOption.Create();
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Images: PGM (P2/P5), PNG, JPEG or BMP files (converted to grayscale and scaled to the model's square input, 28x28 for MNIST) or IDX image files (raw or .gz; every image in them).",
            Arity = ArgumentArity.OneOrMore,
        };
        var csv = new Option<string?>("--csv") { Description = "Also write the predictions to this CSV file: input, index, label, then the probability of each class." };
        var invert = new Option<bool>("--invert") { Description = "Invert PNG/JPEG/BMP images (dark digits on a light background become MNIST's light on dark)." };
        var command = new Command("predict", "Classify images with a saved model (.nnet or .onnx): the predicted label and the probability of every class.") { model, inputs, csv, invert };
        command.SetAction(parseResult =>
        {
            var csvPath = parseResult.GetValue(csv);
            if (csvPath is not null)
                OutputPaths.CheckFile("--csv", csvPath);
            var classifier = ModelOption.LoadAny(parseResult.GetValue(model)!);
            var images = ImageInputs.Load(parseResult.GetValue(inputs)!, classifier.Session.InputSize, parseResult.GetValue(invert));
            var predictions = Predict(classifier, images);
            var classes = classifier.Session.OutputSize;
            var columns = new List<string> { "input", "label", "p(label)" };
            for (var c = 0; c < classes; c++)
                columns.Add(c.ToString(CultureInfo.InvariantCulture));
            var table = new ResultTable(classifier.OutputsProbabilities ? "Predictions (the model's probabilities)" : "Predictions (softmax probabilities)", [.. columns]);
            foreach (var p in predictions)
            {
                var row = new List<string> { p.Source, p.Label.ToString(CultureInfo.InvariantCulture), Format.Fixed(p.Probabilities[p.Label], 3) };
                foreach (var probability in p.Probabilities)
                    row.Add(Format.Fixed(probability, 3));
                table.Add([.. row]);
            }

            TableRenderer.Write(console.Ansi, table);
            if (csvPath is not null)
                PredictionCsv.Write(csvPath, images, predictions, classes);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The label (highest score) and the softmax probabilities of every image.</summary>
    internal static List<Prediction> Predict(Networks.Network<float> network, IReadOnlyList<InputImage> images) =>
        Predict(new ClassifierModel(network.Options.Describe(), network.CreateSession(), network.Layers, network.CreateSession), images);

    /// <summary>The label (highest output) and the probabilities of every image: the softmax of the scores, or the model's own output when it ends in Softmax.</summary>
    internal static List<Prediction> Predict(ClassifierModel model, IReadOnlyList<InputImage> images)
    {
        var session = model.Session;
        var classes = session.OutputSize;
        var features = new float[images.Count * session.InputSize];
        for (var i = 0; i < images.Count; i++)
            images[i].Pixels.CopyTo(features, i * session.InputSize);
        var scores = new float[images.Count * classes];
        session.Predict(new ReadOnlyTensorView<float>(features, new Shape(images.Count, session.InputSize)), new TensorView<float>(scores, new Shape(images.Count, classes)));

        var predictions = new List<Prediction>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var row = scores.AsSpan(i * classes, classes);
            var probabilities = model.OutputsProbabilities ? Array.ConvertAll(row.ToArray(), v => (double)v) : Softmax(row);
            predictions.Add(new Prediction(images[i].Source, EvalCommand.ArgMax(row), probabilities));
        }

        return predictions;
    }

    /// <summary>Max-shifted softmax in double, so large scores cannot overflow.</summary>
    internal static double[] Softmax(ReadOnlySpan<float> scores)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores)
            max = Math.Max(max, s);
        var result = new double[scores.Length];
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            result[i] = Math.Exp(scores[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
            result[i] /= sum;
        return result;
    }
}

/// <summary>One classified image.</summary>
internal sealed record Prediction(string Source, int Label, double[] Probabilities);
