using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Data;
using NativeNet.Serialization;
using NativeNet.Training;

namespace NativeNet.Tests.Training;

/// <summary>
/// Training N epochs in one go and training k iterations, checkpointing, rebuilding everything from the checkpoint
/// in a fresh trainer and training the rest end with the same bits: parameters, batch-norm state, optimizer state
/// and step count, dropout generator and history.
/// </summary>
public sealed class CheckpointResumeTests
{
    /// <summary>The longest epoch of the scenarios: 300 samples in batches of 32 are 9 draws with replacement, 10 for a permutation.</summary>
    private const int IterationsPerEpoch = 10;

    public static TheoryData<string, bool, double, SamplingMode> Matrix()
    {
        var data = new TheoryData<string, bool, double, SamplingMode>();
        foreach (string optimizer in new[] { "sgd", "momentum", "adam" })
        {
            foreach (var (batchNorm, dropout) in new[] { (false, 0.0), (true, 0.0), (false, 0.3), (true, 0.3) })
            {
                foreach (var sampling in new[] { SamplingMode.WithReplacement, SamplingMode.PermutationPerEpoch })
                {
                    data.Add(optimizer, batchNorm, dropout, sampling);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void A_run_resumed_mid_epoch_from_a_checkpoint_is_bit_identical_to_an_uninterrupted_one(string optimizer, bool batchNorm, double dropout, SamplingMode sampling)
    {
        var scenario = new CheckpointScenario(optimizer, batchNorm, dropout, sampling);
        var uninterrupted = scenario.NewTrainer();
        uninterrupted.Train();
        Assert.Equal(StopReason.Completed, uninterrupted.History.StopReason);

        // Mid-epoch (13), at an epoch boundary (18 with replacement, 20 with a permutation) and at the start (0).
        long boundary = 2L * uninterrupted.IterationsPerEpoch;
        CheckpointScenario.AssertBitIdentical(uninterrupted, scenario.TrainWithStops(13));
        CheckpointScenario.AssertBitIdentical(uninterrupted, scenario.TrainWithStops(0, boundary, boundary + 1));
    }

    [Property(MaxTest = 40, Replay = "15,11400714819323198485")]
    public Property Resumes_at_any_iteration_are_bit_identical_to_an_uninterrupted_run()
    {
        var scenarios = new[]
        {
            new CheckpointScenario("adam", true, 0.3, SamplingMode.PermutationPerEpoch, Epochs: 3),
            new CheckpointScenario("momentum", false, 0.2, SamplingMode.WithReplacement, Epochs: 3, WithTest: false),
            new CheckpointScenario("sgd", true, 0.0, SamplingMode.WithReplacement, Epochs: 3),
        };
        var finished = scenarios.Select(s =>
        {
            var trainer = s.NewTrainer();
            trainer.Train();
            return trainer;
        }).ToArray();
        var cases =
            from index in Gen.Choose(0, scenarios.Length - 1)
            from stopCount in Gen.Choose(1, 3)
            from stops in Gen.ArrayOf(Gen.Choose(0, 3 * IterationsPerEpoch), stopCount)
            select (Index: index, Stops: stops.Distinct().Select(s => (long)s).ToArray());
        return Prop.ForAll(cases.ToArbitrary(), c => CheckpointScenario.AssertBitIdentical(finished[c.Index], scenarios[c.Index].TrainWithStops(c.Stops)));
    }

    [Fact]
    public void A_checkpoint_file_round_trips_through_disk_with_its_run_options()
    {
        string directory = Directory.CreateTempSubdirectory("nativenet-ckpt-").FullName;
        try
        {
            var scenario = new CheckpointScenario("adam", true, 0.3, SamplingMode.WithReplacement);
            var trainer = scenario.NewTrainer();
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            trainer.Train(cancellationToken: cts.Token);
            string path = Path.Combine(directory, "sub", "run.ckpt");
            trainer.SaveCheckpoint(path, new Dictionary<string, string> { ["--epochs"] = "4", ["note"] = "é" });
            var loaded = CheckpointFile.Load<float>(path);
            Assert.Equal("4", loaded.RunOptions["--epochs"]);
            Assert.Equal("é", loaded.RunOptions["note"]);
            Assert.Equal("adam", loaded.OptimizerName);
            Assert.Equal(trainer.Options, loaded.Options);
            Assert.Equal(0, loaded.IterationsCompleted);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Resuming_on_other_data_is_refused_with_a_message_naming_the_data()
    {
        var scenario = new CheckpointScenario("sgd", false, 0, SamplingMode.WithReplacement);
        byte[] bytes = Interrupted(scenario, 5);
        var (train, test) = scenario.Data();
        var error = Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(bytes, "run.ckpt").CreateTrainer(train.Take(299), test));
        Assert.Contains("run.ckpt: the training data differ", error.Message);
        error = Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(bytes, "run.ckpt").CreateTrainer(train, null));
        Assert.Contains("test data differ", error.Message);
    }

    [Fact]
    public void Resuming_on_other_images_with_the_same_labels_is_refused()
    {
        var scenario = new CheckpointScenario("sgd", false, 0, SamplingMode.WithReplacement);
        byte[] bytes = Interrupted(scenario, 5);
        var (train, test) = scenario.Data();
        // One input value of the last sample changed, labels and sizes as they were.
        float[] features = (float[])train.Features.Clone();
        features[^1] += 0.5f;
        var altered = new LabeledDataset<float>(features, train.Labels, train.FeatureCount, train.ClassCount);
        var error = Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(bytes, "run.ckpt").CreateTrainer(altered, test));
        Assert.Contains("run.ckpt: the training data differ from the run's: their inputs (images) differ, the labels are the same", error.Message);
        CheckpointFile.Deserialize<float>(bytes, "run.ckpt").CreateTrainer(train, test);
    }

    [Fact]
    public void A_checkpoint_gives_one_trainer()
    {
        var scenario = new CheckpointScenario("sgd", false, 0, SamplingMode.WithReplacement);
        var loaded = CheckpointFile.Deserialize<float>(Interrupted(scenario, 5));
        var (train, test) = scenario.Data();
        loaded.CreateTrainer(train, test);
        Assert.Throws<InvalidOperationException>(() => loaded.CreateTrainer(train, test));
    }

    [Fact]
    public void Steps_outside_Train_and_diverged_runs_are_not_checkpointed()
    {
        var trainer = new CheckpointScenario("sgd", false, 0, SamplingMode.WithReplacement).NewTrainer();
        trainer.Step();
        Assert.Contains("outside Train", Assert.Throws<InvalidOperationException>(() => CheckpointFile.Serialize(trainer)).Message);
    }

    [Fact]
    public void A_model_file_is_not_taken_for_a_checkpoint()
    {
        var trainer = new CheckpointScenario("sgd", false, 0, SamplingMode.WithReplacement).NewTrainer();
        byte[] model = ModelFile.Serialize(trainer.Network, trainer.Optimizer);
        var error = Assert.Throws<InvalidFileFormatException>(() => CheckpointFile.Deserialize<float>(model, "model.nnet"));
        Assert.Contains("model file, not a checkpoint", error.Message);
    }

    [Fact]
    public void Train_after_a_cancellation_continues_instead_of_restarting()
    {
        var scenario = new CheckpointScenario("momentum", true, 0.3, SamplingMode.PermutationPerEpoch);
        var uninterrupted = scenario.NewTrainer();
        uninterrupted.Train();
        var trainer = scenario.NewTrainer();
        using (var cts = new CancellationTokenSource())
        {
            cts.Cancel();
            Assert.Equal(StopReason.Cancelled, trainer.Train(cancellationToken: cts.Token).StopReason);
        }

        trainer.Train();
        CheckpointScenario.AssertBitIdentical(uninterrupted, trainer);
        long done = trainer.History.Iterations;
        trainer.Train(); // a completed run stays completed
        Assert.Equal(done, trainer.History.Iterations);
    }

    internal static byte[] Interrupted(CheckpointScenario scenario, long iterations)
    {
        var trainer = scenario.NewTrainer();
        using var cts = new CancellationTokenSource();
        trainer.Train(new SyncReport(p =>
        {
            if (p.Iteration == iterations)
            {
                cts.Cancel();
            }
        }), cts.Token);
        return CheckpointFile.Serialize(trainer, new Dictionary<string, string> { ["--epochs"] = "4" });
    }

    private sealed class SyncReport(Action<TrainingProgress> action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => action(value);
    }
}
