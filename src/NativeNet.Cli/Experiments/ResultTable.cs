namespace NativeNet.Cli.Experiments;

/// <summary>A titled table of text cells, independent of how it is drawn.</summary>
internal sealed class ResultTable
{
    private readonly List<string[]> _rows = [];

    public ResultTable(string title, params string[] columns)
    {
        Title = title;
        Columns = columns;
    }

    /// <summary>Shown above the table.</summary>
    public string Title { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, each with one cell per column.</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public ResultTable Add(params string[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Table '{Title}' has {Columns.Count} columns, the row has {cells.Length} cells.", nameof(cells));
        _rows.Add(cells);
        return this;
    }
}
