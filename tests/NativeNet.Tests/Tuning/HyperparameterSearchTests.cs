using System.Reflection;
using NativeNet.Data;
using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

public class HyperparameterSearchTests
{
    private static readonly LabeledDataset<float> _data = TuningTestSupport.Clusters();

    [Fact]
    public void A_search_trains_every_trial_and_ranks_them_by_final_validation_accuracy()
    {
        var spec = TuningTestSupport.SmallSpec();
        var progress = new List<TuningProgress>();
        var report = HyperparameterSearch.Run(spec, _data, new SearchOptions { MaxDegreeOfParallelism = 2 }, new ListProgress(progress));

        Assert.Equal(Enumerable.Range(0, 6), report.Trials.Select(t => t.Index));
        Assert.Equal(6 * 6, report.TotalEpochs);
        Assert.All(report.Trials, t =>
        {
            Assert.Equal(TrialStopReason.Completed, t.StopReason);
            Assert.Equal(6, t.EpochsTrained);
            Assert.Equal(t.ValidationAccuracies[^1], t.FinalValidationAccuracy);
            Assert.Equal(spec.Sample(t.Index), t.Hyperparameters);
            Assert.All(t.ValidationAccuracies, a => Assert.InRange(a, 0, 1));
        });

        // Ranked: validation accuracy descending, ties by index.
        for (int r = 1; r < report.Ranked.Count; r++)
        {
            var (a, b) = (report.Ranked[r - 1], report.Ranked[r]);
            Assert.True(a.FinalValidationAccuracy > b.FinalValidationAccuracy || (a.FinalValidationAccuracy == b.FinalValidationAccuracy && a.Index < b.Index));
        }

        // The search learns something: the best trial is far above chance (1/3) on these clusters.
        Assert.True(report.Best.FinalValidationAccuracy > 0.6, report.Best.ToString());

        // Progress: one report per epoch, serialised, ending at the planned total.
        Assert.Equal(36 + 6, progress.Count); // every epoch, and every finished trial
        for (int i = 1; i < progress.Count; i++)
        {
            Assert.True(progress[i].EpochsTrained >= progress[i - 1].EpochsTrained && progress[i].TrialsFinished >= progress[i - 1].TrialsFinished);
        }

        Assert.Equal(36, progress[^1].EpochsTrained);
        Assert.All(progress, p => Assert.Equal(36, p.EpochsPlanned));
        Assert.Equal(6, progress[^1].TrialsFinished);
        Assert.Equal(1.0, progress[^1].Fraction);
    }

    [Fact]
    public void Parallelism_does_not_change_any_result()
    {
        var spec = TuningTestSupport.SmallSpec();
        var one = HyperparameterSearch.Run(spec, _data, new SearchOptions { MaxDegreeOfParallelism = 1 });
        var two = HyperparameterSearch.Run(spec, _data, new SearchOptions { MaxDegreeOfParallelism = 2 });
        TuningTestSupport.AssertSameReport(one, two);
    }

    [Fact]
    public void Trials_run_one_by_one_and_merged_equal_the_local_search()
    {
        var spec = TuningTestSupport.SmallSpec();
        var local = HyperparameterSearch.Run(spec, _data);
        string separate = TuningTestSupport.NewDirectory();
        string written = TuningTestSupport.NewDirectory();
        try
        {
            // As scaled-out workers do: each prepares its own data and runs one index, in any order.
            foreach (int index in new[] { 4, 0, 5, 2, 1, 3 })
            {
                TrialResultFile.Write(separate, spec, HyperparameterSearch.RunTrial(spec, _data, index));
            }

            TuningTestSupport.AssertSameReport(local, TuningReport.Merge(separate));

            // The local run's own files merge back to it too.
            foreach (var trial in local.Trials)
            {
                TrialResultFile.Write(written, spec, trial);
            }

            TuningTestSupport.AssertSameReport(local, TuningReport.Merge(written));
            Assert.Equal(local.FormatBest(20), TuningReport.Merge(written).FormatBest(20));
        }
        finally
        {
            TuningTestSupport.DeleteDirectory(separate);
            TuningTestSupport.DeleteDirectory(written);
        }
    }

    [Fact]
    public void A_merge_reports_missing_trials_and_rejects_mixed_specs_and_duplicates()
    {
        var spec = TuningTestSupport.SmallSpec();
        string directory = TuningTestSupport.NewDirectory();
        try
        {
            var trial = HyperparameterSearch.RunTrial(spec, _data, 2);
            TrialResultFile.Write(directory, spec, trial);
            var partial = TuningReport.Merge(directory);
            Assert.Equal([0, 1, 3, 4, 5], partial.MissingTrials);
            Assert.Equal(trial, partial.Best);

            File.Copy(Path.Combine(directory, TrialResultFile.FileName(2)), Path.Combine(directory, "trial-2-copy.json"));
            var duplicate = Assert.Throws<InvalidFileFormatException>(() => TuningReport.Merge(directory));
            Assert.Contains("trial 2 is also in", duplicate.Message, StringComparison.Ordinal);
            File.Delete(Path.Combine(directory, "trial-2-copy.json"));

            var other = spec with { Trials = 7 };
            TrialResultFile.Write(directory, other, HyperparameterSearch.RunTrial(other, _data, 6));
            var mixed = Assert.Throws<InvalidFileFormatException>(() => TuningReport.Merge(directory));
            Assert.Contains("different spec", mixed.Message, StringComparison.Ordinal);
        }
        finally
        {
            TuningTestSupport.DeleteDirectory(directory);
        }

        Assert.Throws<DirectoryNotFoundException>(() => TuningReport.Merge(Path.Combine(directory, "gone")));
    }

    [Fact]
    public void Result_files_round_trip_exactly_and_reject_corruption()
    {
        var spec = TuningTestSupport.SmallSpec();
        var result = HyperparameterSearch.RunTrial(spec, _data, 1);
        string text = TrialResultFile.Format(spec, result);
        var (readSpec, readResult) = TrialResultFile.Parse(text, "t.json");
        Assert.Equal(spec, readSpec);
        Assert.Equal(result, readResult);

        // JSON a person (or jq) reads: the spec as its own lines, snake_case members, one object per epoch.
        using (var json = System.Text.Json.JsonDocument.Parse(text))
        {
            var root = json.RootElement;
            Assert.Equal(TrialResultFile.FormatName, root.GetProperty("format").GetString());
            Assert.Equal(spec.ToText().TrimEnd('\n').Split('\n'), root.GetProperty("spec").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(result.Hyperparameters[TunableParameters.LearningRate], root.GetProperty("hyperparameters").GetProperty("lr").GetString());
            Assert.Equal(result.EpochsTrained, root.GetProperty("epochs").GetArrayLength());
            Assert.Equal(result.ValidationAccuracies[0], root.GetProperty("epochs")[0].GetProperty("validation_accuracy").GetDouble());
        }

        string lr = $"\"lr\": \"{result.Hyperparameters[TunableParameters.LearningRate]}\"";
        Assert.Contains(lr, text, StringComparison.Ordinal);
        string edited = text.Replace(lr, "\"lr\": \"0.5\"", StringComparison.Ordinal);
        Assert.Contains("not those the spec gives trial 1", Parse(edited), StringComparison.Ordinal);
        Assert.Contains("t.json: not a valid trial result file", Parse(text.Replace("\"epochs\"", "\"epochz\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("expected epoch 2", Parse(text.Replace("\"epoch\": 2,", "\"epoch\": 3,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("unknown stop reason 'halted'", Parse(text.Replace("\"stop\": \"completed\"", "\"stop\": \"halted\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("version 2", Parse(text.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("t.json: not a valid trial result file", Parse("hello"), StringComparison.Ordinal);

        static string Parse(string text) => Assert.Throws<InvalidFileFormatException>(() => TrialResultFile.Parse(text, "t.json")).Message;
    }

    [Fact]
    public void Result_files_of_the_old_text_format_get_an_error_naming_the_format()
    {
        const string OldFile = "# nativenet tuning trial result\n[spec]\nseed = 0\n[trial]\nindex = 0\n[epochs]\nepoch,train_accuracy,validation_accuracy\n";
        var parse = Assert.Throws<InvalidFileFormatException>(() => TrialResultFile.Parse(OldFile, "trial-00000.txt"));
        Assert.Contains("old text format", parse.Message, StringComparison.Ordinal);

        string directory = TuningTestSupport.NewDirectory();
        try
        {
            File.WriteAllText(Path.Combine(directory, "trial-00000.txt"), OldFile);
            var merge = Assert.Throws<InvalidFileFormatException>(() => TuningReport.Merge(directory));
            Assert.Contains("old text format (trial-*.txt, first trial-00000.txt)", merge.Message, StringComparison.Ordinal);
            Assert.Contains("results are now JSON (trial-*.json)", merge.Message, StringComparison.Ordinal);
        }
        finally
        {
            TuningTestSupport.DeleteDirectory(directory);
        }
    }

    [Fact]
    public void Rounds_search_narrow_and_search_again_inside_the_narrowed_ranges()
    {
        var spec = TuningTestSupport.SmallSpec(trials: 8);
        var reports = HyperparameterSearch.RunRounds(spec, _data, rounds: 2, keepBest: 3);
        Assert.Equal(2, reports.Count);
        var second = reports[1];
        Assert.Equal(1, second.Spec.Round);
        Assert.Equal(reports[0].NextRound(3), second.Spec);
        var lr = Assert.IsType<LogUniformRange>(second.Spec.Space[TunableParameters.LearningRate]);
        Assert.All(second.Trials, t => Assert.InRange(t.Hyperparameters.LearningRate, lr.Min, lr.Max));
        Assert.All(reports[0].Ranked.Take(3), t => Assert.InRange(t.Hyperparameters.LearningRate, lr.Min, lr.Max));
    }

    [Fact]
    public void A_diverging_trial_stops_cleanly_and_ranks_by_what_it_had()
    {
        var spec = TuningTestSupport.SmallSpec(trials: 2);
        spec = spec with { Space = spec.Space.With(TunableParameters.LearningRate, ChoiceRange.Fixed("1e30")) };
        var report = HyperparameterSearch.Run(spec, _data);
        Assert.All(report.Trials, t =>
        {
            Assert.Equal(TrialStopReason.Diverged, t.StopReason);
            Assert.True(t.EpochsTrained < 6);
            Assert.InRange(t.FinalValidationAccuracy, 0, 1);
        });
        Assert.Contains("[diverged after", report.FormatBest(1)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_tuning_api_takes_training_data_only()
    {
        // No public member of NativeNet.Tuning accepts an MnistDataset (which carries the test set): callers hand
        // over a training set, and the validation set is carved out of it.
        var tuningTypes = typeof(HyperparameterSearch).Assembly.GetExportedTypes().Where(t => t.Namespace == "NativeNet.Tuning");
        foreach (var type in tuningTypes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            {
                Assert.DoesNotContain(method.GetParameters(), p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(MnistDataset<>));
            }
        }

        // The split is a function of the spec and the training set: the validation samples are training samples.
        var spec = TuningTestSupport.SmallSpec();
        var data = TuningData.Prepare(spec, _data);
        Assert.Equal(150, data.Train.Count);
        Assert.Equal(50, data.Validation.Count);
        var first200 = Enumerable.Range(0, 200).Select(i => _data.Sample(i).ToArray()).ToList();
        for (int i = 0; i < data.Validation.Count; i++)
        {
            var sample = data.Validation.Sample(i).ToArray();
            Assert.Contains(first200, s => s.SequenceEqual(sample));
        }
    }

    [Fact]
    public void Bad_inputs_fail_clearly()
    {
        var spec = TuningTestSupport.SmallSpec();
        Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(spec with { TrainSamples = 1000 }, _data));
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.RunTrial(spec, _data, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.Run(spec, _data, new SearchOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuccessiveHalvingOptions { Eta = 1 }.Validate());
    }

    private sealed class ListProgress(List<TuningProgress> list) : IProgress<TuningProgress>
    {
        public void Report(TuningProgress value) => list.Add(value);
    }
}
