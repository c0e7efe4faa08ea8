using NativeNet.Cli.Figures;

namespace NativeNet.Cli.Experiments;

/// <summary>
/// What every experiment hands back besides its own numbers: a one-paragraph finding, the tables to print,
/// the figures (SVG) and the data (CSV) to write. Rendering them is left to <see cref="Rendering.ExperimentRenderer"/>.
/// </summary>
internal abstract record ExperimentResult
{
    /// <summary>The experiment's command-line name, for example <c>optimizer-paths</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the run shows, with its numbers, in a sentence or two.</summary>
    public required string Finding { get; init; }

    /// <summary>Tables printed to the console.</summary>
    public IReadOnlyList<ResultTable> Tables { get; init; } = [];

    /// <summary>Figures written as SVG files.</summary>
    public IReadOnlyList<NamedFigure> Figures { get; init; } = [];

    /// <summary>Data written as CSV files.</summary>
    public IReadOnlyList<CsvTable> Data { get; init; } = [];
}

/// <summary>A figure and the file name (without directory) it is saved under.</summary>
internal sealed record NamedFigure(string FileName, Figure Figure);
