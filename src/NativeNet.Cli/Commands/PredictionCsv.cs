using System.Globalization;
using System.Text;
using NativeNet.Cli.Input;
using NativeNet.IO;

namespace NativeNet.Cli.Commands;

/// <summary>The CSV of <c>nativenet predict --csv</c>: one row per image: input, index, label, p0 … p(C-1).</summary>
internal static class PredictionCsv
{
    public static void Write(string path, IReadOnlyList<InputImage> images, IReadOnlyList<Prediction> predictions, int classes)
    {
        var csv = new StringBuilder("input,index,label");
        for (var c = 0; c < classes; c++)
            csv.Append(CultureInfo.InvariantCulture, $",p{c}");
        csv.Append('\n');
        for (var i = 0; i < predictions.Count; i++)
        {
            csv.Append(Quote(images[i].File)).Append(',').Append(images[i].Index.ToString(CultureInfo.InvariantCulture))
               .Append(',').Append(predictions[i].Label.ToString(CultureInfo.InvariantCulture));
            foreach (var p in predictions[i].Probabilities)
                csv.Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
            csv.Append('\n');
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
