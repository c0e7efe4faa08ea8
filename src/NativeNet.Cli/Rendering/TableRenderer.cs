using NativeNet.Cli.Experiments;
using Spectre.Console;

namespace NativeNet.Cli.Rendering;

/// <summary>Draws a <see cref="ResultTable"/> with Spectre; cells are plain text, never markup.</summary>
internal static class TableRenderer
{
    public static void Write(IAnsiConsole console, ResultTable table)
    {
        // The title goes on its own line: as a table caption it would wrap to the table's width.
        console.Write(new Text(table.Title + Environment.NewLine, new Style(decoration: Decoration.Bold)));
        var view = new Table().Border(TableBorder.Rounded);
        foreach (var column in table.Columns)
            view.AddColumn(new TableColumn(new Text(column)));
        foreach (var row in table.Rows)
            view.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        console.Write(view);
    }
}
