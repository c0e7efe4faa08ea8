using System.CommandLine;
using System.Globalization;
using NativeNet.Cli.Experiments;
using NativeNet.Cli.Input;
using NativeNet.Cli.Rendering;
using NativeNet.Tensors;

namespace NativeNet.Cli.Commands;

/// <summary><c>nativenet predict</c>: classifies 28 × 28 images (PGM files, or every image of IDX files) with a saved model.</summary>
internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = ModelOption.Create();
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Images: PGM files (P2 or P5, 28x28), IDX image files (raw or .gz; every image in them), or PNG, JPEG or BMP images (greyscale, scaled to 28x28; light digits on dark, as in MNIST).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("predict", "Classify images with a saved model: the predicted label and the probability of every class.") { model, inputs };
        command.SetAction(parseResult =>
        {
            var network = ModelOption.Load(parseResult.GetValue(model)!);
            var images = ImageInputs.Load(parseResult.GetValue(inputs)!, network.InputSize);
            var predictions = Predict(network, images);
            var classes = network.OutputSize;
            var columns = new List<string> { "input", "label", "p(label)" };
            for (var c = 0; c < classes; c++)
                columns.Add(c.ToString(CultureInfo.InvariantCulture));
            var table = new ResultTable("Predictions (softmax probabilities)", [.. columns]);
            foreach (var p in predictions)
            {
                var row = new List<string> { p.Source, p.Label.ToString(CultureInfo.InvariantCulture), Format.Fixed(p.Probabilities[p.Label], 3) };
                foreach (var probability in p.Probabilities)
                    row.Add(Format.Fixed(probability, 3));
                table.Add([.. row]);
            }

            TableRenderer.Write(console.Ansi, table);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The label (highest score) and the softmax probabilities of every image.</summary>
    internal static List<Prediction> Predict(Networks.Network<float> network, IReadOnlyList<InputImage> images)
    {
        var classes = network.OutputSize;
        var features = new float[images.Count * network.InputSize];
        for (var i = 0; i < images.Count; i++)
            images[i].Pixels.CopyTo(features, i * network.InputSize);
        var scores = new float[images.Count * classes];
        network.Predict(new ReadOnlyTensorView<float>(features, new Shape(images.Count, network.InputSize)), new TensorView<float>(scores, new Shape(images.Count, classes)));

        var predictions = new List<Prediction>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var row = scores.AsSpan(i * classes, classes);
            predictions.Add(new Prediction(images[i].Source, EvalCommand.ArgMax(row), Softmax(row)));
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
