using NativeNet.Cli.Experiments;
using NativeNet.IO;

namespace NativeNet.Cli.Rendering;

/// <summary>Prints an experiment's tables and finding, and writes its figures (SVG) and data (CSV) to a directory.</summary>
internal static class ExperimentRenderer
{
    /// <summary>Prints the result and writes its files under <paramref name="directory"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(CliConsole console, ExperimentResult result, string directory)
    {
        foreach (var table in result.Tables)
            TableRenderer.Write(console.Ansi, table);
        console.WriteLine(result.Finding);

        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var figure in result.Figures)
        {
            var path = Path.Combine(directory, figure.FileName);
            figure.Figure.Save(path);
            written.Add(path);
        }

        foreach (var data in result.Data)
        {
            var path = Path.Combine(directory, data.FileName);
            AtomicFile.WriteAllText(path, data.ToCsv());
            written.Add(path);
        }

        foreach (var path in written)
            console.WriteLine("wrote " + path);
        return written;
    }
}
