using System.Globalization;
using System.Text;

namespace NativeNet.Gradients;

/// <summary>The outcome of a <see cref="GradientCheck"/>: one <see cref="GradientCheckEntry"/> per tensor, and whether all passed.</summary>
public sealed class GradientCheckReport
{
    private readonly GradientCheckEntry[] _entries;

    /// <summary>Collects the entries of one check made with <paramref name="options"/>.</summary>
    public GradientCheckReport(IEnumerable<GradientCheckEntry> entries, GradientCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(options);
        _entries = [.. entries];
        Options = options;
    }

    /// <summary>The checked tensors in order (inputs first, then parameters in layout order).</summary>
    public IReadOnlyList<GradientCheckEntry> Entries => _entries;

    /// <summary>The settings used.</summary>
    public GradientCheckOptions Options { get; }

    /// <summary>True when every tensor passed.</summary>
    public bool Passed => Array.TrueForAll(_entries, e => e.Passed);

    /// <summary>The entry of the tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor of that name was checked.</exception>
    public GradientCheckEntry this[string name] =>
        Array.Find(_entries, e => e.Name == name) ?? throw new KeyNotFoundException($"The gradient check has no tensor named '{name}'.");

    /// <summary>A table: one row per tensor with its worst errors, the worst element and the verdict.</summary>
    public override string ToString()
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"Gradient check {(Passed ? "PASSED" : "FAILED")} (eps {Options.Epsilon:G3}, atol {Options.AbsoluteTolerance:G3}, rtol {Options.RelativeTolerance:G3})").AppendLine();
        text.Append(inv, $"{"tensor",-14} {"checked",-11} {"max abs err",-12} {"max rel err",-12} {"worst element: analytic vs numerical",-50} result").AppendLine();
        foreach (GradientCheckEntry e in _entries)
        {
            string worst = string.Create(inv, $"[{e.WorstIndex}] {e.WorstAnalytic:G9} vs {e.WorstNumerical:G9}");
            string checkedCount = string.Create(inv, $"{e.ElementsChecked}/{e.ElementCount}");
            text.Append(inv, $"{e.Name,-14} {checkedCount,-11} {e.WorstAbsoluteError,-12:E2} {e.WorstRelativeError,-12:E2} {worst,-50} {(e.Passed ? "ok" : "FAIL")}").AppendLine();
        }

        return text.ToString();
    }
}
