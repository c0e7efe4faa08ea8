using System.Globalization;
using NativeNet.Charts;
using NativeNet.Tuning;

namespace NativeNet.Cli.Tuning;

/// <summary>The book's figure of a search: the validation (solid) and training (dashed) accuracy curves of the best trials.</summary>
internal static class TuningCharts
{
    public static ChartGrid BestCurves(TuningReport report, int count)
    {
        var cells = new List<Chart>();
        for (int r = 0; r < Math.Min(count, report.Ranked.Count); r++)
        {
            var trial = report.Ranked[r];
            var epochs = new double[trial.EpochsTrained];
            for (int e = 0; e < epochs.Length; e++)
            {
                epochs[e] = e + 1;
            }

            cells.Add(new LineChart
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"Best-{r + 1} (trial {trial.Index}, val {trial.FinalValidationAccuracy:0.###})"),
                XAxis = new Axis("epoch"),
                YAxis = new Axis("accuracy") { Range = new ValueRange(0, 1) },
                Series =
                [
                    new LineSeries("validation", epochs, trial.ValidationAccuracies) { Color = ChartPalette.Color(0) },
                    new LineSeries("train", epochs, trial.TrainAccuracies) { Color = ChartPalette.Color(1), Line = LineStyle.Dashed },
                ],
            });
        }

        return new ChartGrid
        {
            Title = $"Best {cells.Count} of {report.Trials.Count} trials (round {report.Spec.Round})",
            Columns = 5,
            CellWidth = 260,
            CellHeight = 200,
            Charts = cells,
        };
    }
}
