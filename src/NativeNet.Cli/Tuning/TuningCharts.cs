using System.Globalization;
using NativeNet.Cli.Figures;
using NativeNet.Tuning;
using OxyPlot;

namespace NativeNet.Cli.Tuning;

/// <summary>The book's figure of a search: the validation (solid) and training (dashed) accuracy curves of the best trials.</summary>
internal static class TuningCharts
{
    public static Figure BestCurves(TuningReport report, int count)
    {
        var panels = new List<PlotModel>();
        for (int r = 0; r < Math.Min(count, report.Ranked.Count); r++)
        {
            var trial = report.Ranked[r];
            var epochs = new double[trial.EpochsTrained];
            for (int e = 0; e < epochs.Length; e++)
            {
                epochs[e] = e + 1;
            }

            var panel = Plots.Lines(
                string.Create(CultureInfo.InvariantCulture, $"Best-{r + 1} (trial {trial.Index}, val {trial.FinalValidationAccuracy:0.###})"),
                Plots.Linear("epoch"),
                Plots.Linear("accuracy", 0, 1));
            panel.Series.Add(new Curve("validation", epochs, trial.ValidationAccuracies) { Color = ChartPalette.Color(0) });
            panel.Series.Add(new Curve("train", epochs, trial.TrainAccuracies) { Color = ChartPalette.Color(1), Dashes = Curve.Dashed });
            panels.Add(panel);
        }

        return new Figure
        {
            Title = $"Best {panels.Count} of {report.Trials.Count} trials (round {report.Spec.Round})",
            Columns = 5,
            PanelWidth = 260,
            PanelHeight = 200,
            SharedLegend = true,
            Panels = panels,
        };
    }
}
