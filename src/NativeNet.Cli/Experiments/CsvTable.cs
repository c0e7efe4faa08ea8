using System.Globalization;
using System.Text;

namespace NativeNet.Cli.Experiments;

/// <summary>Rows of data for a CSV file: a header line, then values (numbers in round-trip invariant format).</summary>
internal sealed class CsvTable
{
    private readonly List<string[]> _rows = [];

    public CsvTable(string fileName, params string[] header)
    {
        FileName = fileName;
        Header = header;
    }

    /// <summary>The file name without directory, for example <c>optimizer-paths.csv</c>.</summary>
    public string FileName { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows.</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Adds a row of cells: strings as they are, numbers in round-trip form.</summary>
    public void Add(params object[] cells)
    {
        if (cells.Length != Header.Count)
            throw new ArgumentException($"{FileName} has {Header.Count} columns, the row has {cells.Length}.", nameof(cells));
        var row = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
            row[i] = Format(cells[i]);
        _rows.Add(row);
    }

    /// <summary>The whole file: RFC 4180 quoting where a cell needs it, LF line ends.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        AppendLine(text, Header);
        foreach (var row in _rows)
            AppendLine(text, row);
        return text.ToString();
    }

    private static string Format(object cell) => cell switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\n") >= 0)
                text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                text.Append(cell);
        }

        text.Append('\n');
    }
}
