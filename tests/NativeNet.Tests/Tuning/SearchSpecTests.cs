using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

public class SearchSpecTests
{
    private const string BookSpec = """
        # The book's search (Deep Learning from Scratch, 6.5)
        seed = 0
        trials = 100
        train_samples = 500
        validation_fraction = 0.2
        lr = loguniform(1e-6, 1e-2)
        weight_decay = loguniform(1e-8, 1e-4)   # λ
        optimizer = sgd
        hidden_size = 100
        depth = 6
        epochs = 50
        """;

    [Fact]
    public void The_books_spec_file_parses_to_the_default()
    {
        Assert.Equal(SearchSpec.Default, SearchSpec.Parse(BookSpec));
        Assert.Equal(SearchSpec.Default, SearchSpec.Parse(string.Empty));
    }

    [Fact]
    public void Every_kind_of_range_parses_and_round_trips_through_the_text()
    {
        var spec = SearchSpec.Parse("""
            seed = -5
            round = 2
            trials = 7
            train_samples = 300
            validation_fraction = 0.25
            lr = uniform(0.001, 0.1)
            optimizer = choice(SGD, adam, momentum)
            batch_size = loguniform(16, 256)
            depth = uniform(1, 4)
            dropout = choice(0, 0.2, 0.5)
            batchnorm = choice(true, false)
            init = choice(he, 0.01)
            activation = tanh
            epochs = 3
            """);
        Assert.Equal((-5, 2, 7, 300, 0.25), (spec.Seed, spec.Round, spec.Trials, spec.TrainSamples, spec.ValidationFraction));
        Assert.Equal(new UniformRange(0.001, 0.1), spec.Space[TunableParameters.LearningRate]);
        Assert.Equal(new ChoiceRange(["sgd", "adam", "momentum"]), spec.Space[TunableParameters.Optimizer]);
        Assert.Equal(new LogUniformRange(16, 256), spec.Space[TunableParameters.BatchSize]);
        Assert.Equal(ChoiceRange.Fixed("tanh"), spec.Space[TunableParameters.Activation]);
        Assert.Equal(3, spec.MaxEpochs);
        Assert.Equal(spec, SearchSpec.Parse(spec.ToText()));

        var h = spec.Sample(4);
        Assert.InRange(h.BatchSize, 16, 256);
        Assert.Equal(h.BatchSize, h.Number(TunableParameters.BatchSize)); // rounded to a whole number
        Assert.Contains(h[TunableParameters.WeightInit], new[] { "he", "0.01" });
    }

    [Theory]
    [InlineData("lrr = 0.1", "line 1", "unknown option 'lrr'")]
    [InlineData("\n\nlr = uniform(0.1, 0.1)", "line 3", "empty")]
    [InlineData("optimizer = choice()", "line 1", "empty")]
    [InlineData("lr = loguniform(1e-2, 1e-6)", "line 1", "greater than the maximum")]
    [InlineData("weight_decay = uniform(0.5, 0.1)", "line 1", "greater than the maximum")]
    [InlineData("lr = loguniform(0, 1e-2)", "line 1", "greater than 0")]
    [InlineData("weight_decay = loguniform(-1e-8, 1e-4)", "line 1", "greater than 0")]
    [InlineData("# comment\nlr 0.01", "line 2", "expected 'key = value'")]
    [InlineData("lr = loguniform(1e-6, 1e-2", "line 1", "closing ')'")]
    [InlineData("lr = loguniform(1e-6)", "line 1", "two numbers")]
    [InlineData("lr = logarithmic(1e-6, 1e-2)", "line 1", "unknown range 'logarithmic'")]
    [InlineData("lr = loguniform(a, 1e-2)", "line 1", "not a number")]
    [InlineData("lr = -0.1", "line 1", "not a valid value of lr")]
    [InlineData("lr = 0.1\nlr = 0.2", "line 2", "already set on line 1")]
    [InlineData("optimizer = lbfgs", "line 1", "one of sgd")]
    [InlineData("optimizer = uniform(0, 1)", "line 1", "takes names")]
    [InlineData("dropout = uniform(0, 1)", "line 1", "[0, 1)")]
    [InlineData("depth = uniform(1.2, 1.8)", "line 1", "no whole number")]
    [InlineData("trials = 0", "line 1", "from 1 to 1000000")]
    [InlineData("validation_fraction = 1", "line 1", "(0, 1)")]
    [InlineData("seed =", "line 1", "no value")]
    [InlineData("lr = 0.1, 0.2", "line 1", "malformed")]
    public void Bad_spec_files_fail_with_the_line_and_the_problem(string text, string line, string problem)
    {
        var e = Assert.Throws<InvalidFileFormatException>(() => SearchSpec.Parse(text, "bad.spec"));
        Assert.StartsWith($"bad.spec {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_file_loads_from_disk_and_names_itself_in_errors()
    {
        string directory = TuningTestSupport.NewDirectory();
        try
        {
            string path = Path.Combine(directory, "search.spec");
            var spec = SearchSpec.Default with { Trials = 12, Seed = 9 };
            spec.Save(path);
            Assert.Equal(spec, SearchSpec.Load(path));

            File.WriteAllText(path, "trials = 5\nmomentum = 0.9\n");
            var e = Assert.Throws<InvalidFileFormatException>(() => SearchSpec.Load(path));
            Assert.Contains($"{path} line 2: unknown option 'momentum'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            TuningTestSupport.DeleteDirectory(directory);
        }
    }
}
