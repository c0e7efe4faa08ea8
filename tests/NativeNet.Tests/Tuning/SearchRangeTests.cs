using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Tuning;

namespace NativeNet.Tests.Tuning;

public class SearchRangeTests
{
    private static double[] SampleLearningRates(SearchSpace space, int count, int seed = 0)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = space.Sample(seed, 0, i).LearningRate;
        }

        return values;
    }

    [Fact]
    public void Log_uniform_samples_stay_in_range_and_fill_each_decade_equally()
    {
        const int Count = 20_000;
        var values = SampleLearningRates(SearchSpace.Default, Count);
        var decades = new int[4];
        foreach (double v in values)
        {
            Assert.InRange(v, 1e-6, 1e-2);
            decades[Math.Clamp((int)Math.Floor(Math.Log10(v) + 6), 0, 3)]++;
        }

        // Uniform in log space: a quarter of the draws per decade (a linear-uniform draw would put 90% in the top one).
        foreach (int n in decades)
        {
            Assert.InRange(n / (double)Count, 0.235, 0.265);
        }

        // Mean of log10 is the midpoint -4 (standard error ≈ 1.15 / √20000 ≈ 0.008).
        Assert.InRange(values.Average(Math.Log10), -4.03, -3.97);
    }

    [Fact]
    public void Uniform_samples_fill_the_range_evenly()
    {
        var space = SearchSpace.Default.With(TunableParameters.Dropout, new UniformRange(0.1, 0.5));
        const int Count = 10_000;
        var bins = new int[4];
        for (int i = 0; i < Count; i++)
        {
            double v = space.Sample(1, 0, i).Number(TunableParameters.Dropout);
            Assert.InRange(v, 0.1, 0.5);
            bins[Math.Min((int)((v - 0.1) / 0.1), 3)]++;
        }

        foreach (int n in bins)
        {
            Assert.InRange(n / (double)Count, 0.23, 0.27);
        }
    }

    [Fact]
    public void Integer_uniform_draws_every_whole_number_of_the_range_equally()
    {
        var space = SearchSpace.Default.With(TunableParameters.Depth, new UniformRange(2, 5));
        var counts = new int[6];
        for (int i = 0; i < 8000; i++)
        {
            counts[(int)space.Sample(0, 0, i).Number(TunableParameters.Depth)]++;
        }

        Assert.Equal(0, counts[0] + counts[1]);
        for (int d = 2; d <= 5; d++)
        {
            Assert.InRange(counts[d], 1800, 2200);
        }
    }

    [Fact]
    public void Choice_draws_every_choice_and_nothing_else()
    {
        var space = SearchSpace.Default.With(TunableParameters.Optimizer, new ChoiceRange(["sgd", "Adam", "momentum"]));
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < 3000; i++)
        {
            string name = space.Sample(0, 0, i).Optimizer;
            seen[name] = seen.GetValueOrDefault(name) + 1;
        }

        Assert.Equal(["adam", "momentum", "sgd"], seen.Keys.Order());
        Assert.All(seen.Values, n => Assert.InRange(n, 900, 1100));
    }

    [Property(MaxTest = 200, Replay = "20240611,11400714819323198485")]
    public Property Samples_stay_within_any_valid_bounds()
    {
        var cases = from exponent in Gen.Choose(-8, 1)
                    from widthTenths in Gen.Choose(1, 60)
                    from index in Gen.Choose(0, 1000)
                    select (exponent, widthTenths, index);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            double min = Math.Pow(10, c.exponent);
            double max = min * Math.Pow(10, c.widthTenths / 10.0);
            var log = SearchSpace.Default.With(TunableParameters.LearningRate, new LogUniformRange(min, max));
            double lr = log.Sample(c.index, 1, c.index).LearningRate;
            var uniform = SearchSpace.Default.With(TunableParameters.WeightDecay, new UniformRange(min, max));
            double decay = uniform.Sample(c.index, 1, c.index).WeightDecay;
            return lr >= min && lr <= max && decay >= min && decay <= max;
        });
    }

    [Fact]
    public void Same_spec_seed_and_index_give_the_same_hyperparameters()
    {
        // Drawn in any order, trial i gets the same values: no generator state is shared between trials.
        var spec = SearchSpec.Default with { Seed = 42 };
        Hyperparameters[] forward = [.. Enumerable.Range(0, 20).Select(spec.Sample)];
        Hyperparameters[] backward = [.. Enumerable.Range(0, 20).Reverse().Select(spec.Sample).Reverse()];
        Assert.Equal(forward, backward);
        for (int i = 1; i < forward.Length; i++)
        {
            Assert.NotEqual(forward[i - 1], forward[i]);
        }

        Assert.NotEqual(spec.Sample(0), (spec with { Seed = 43 }).Sample(0));
        Assert.NotEqual(spec.Sample(0), (spec with { Round = 1 }).Sample(0));

        // The trial count does not change a trial's draws: trial 5 of 10 is trial 5 of 100.
        Assert.Equal(spec.Sample(5), (spec with { Trials = 10 }).Sample(5));

        // Each parameter has its own stream: searching the optimizer too leaves lr and decay as they were.
        var wider = spec with { Space = spec.Space.With(TunableParameters.Optimizer, new ChoiceRange(["sgd", "adam"])) };
        Assert.Equal(spec.Sample(3).LearningRate, wider.Sample(3).LearningRate);
        Assert.Equal(spec.Sample(3).WeightDecay, wider.Sample(3).WeightDecay);
    }

    [Fact]
    public void Network_and_sampling_seeds_depend_on_seed_round_and_index_only()
    {
        Assert.NotEqual(TrialSeeds.Network(1, 0, 7), TrialSeeds.Network(1, 0, 8));
        Assert.NotEqual(TrialSeeds.Network(1, 0, 7), TrialSeeds.Network(2, 0, 7));
        Assert.NotEqual(TrialSeeds.Network(1, 0, 7), TrialSeeds.Network(1, 1, 7));
        Assert.NotEqual(TrialSeeds.Sampling(1, 0, 7), TrialSeeds.Sampling(1, 0, 8));

        // A thousand trials get a thousand different seeds, and sampling seeds spread over all of [0, 2^31).
        var network = Enumerable.Range(0, 1000).Select(i => TrialSeeds.Network(1, 0, i)).ToHashSet();
        int[] sampling = [.. Enumerable.Range(0, 1000).Select(i => TrialSeeds.Sampling(1, 0, i))];
        Assert.Equal(1000, network.Count);
        Assert.Equal(1000, sampling.Distinct().Count());
        Assert.InRange(sampling.Average(s => (double)s) / int.MaxValue, 0.45, 0.55);
        Assert.True(sampling.Min() < int.MaxValue / 10 && sampling.Max() > int.MaxValue / 10 * 9);
    }

    [Fact]
    public void The_default_space_is_the_books()
    {
        var space = SearchSpace.Default;
        Assert.Equal(new LogUniformRange(1e-6, 1e-2), space[TunableParameters.LearningRate]);
        Assert.Equal(new LogUniformRange(1e-8, 1e-4), space[TunableParameters.WeightDecay]);
        Assert.Equal([TunableParameters.LearningRate, TunableParameters.WeightDecay], space.Searched);
        var h = space.Sample(0, 0, 0);
        Assert.Equal("sgd", h.Optimizer);
        Assert.Equal(50, h.Epochs);
        Assert.Equal(100, h.BatchSize);
        Assert.Equal("100", h[TunableParameters.HiddenSize]);
        Assert.Equal("6", h[TunableParameters.Depth]);
        Assert.Equal("relu", h[TunableParameters.Activation]);
        Assert.Equal("he", h[TunableParameters.WeightInit]);
        var spec = SearchSpec.Default;
        Assert.Equal((100, 500, 0.2, 50), (spec.Trials, spec.TrainSamples, spec.ValidationFraction, spec.MaxEpochs));
    }

    [Fact]
    public void Ranges_reject_empty_and_reversed_bounds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogUniformRange(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogUniformRange(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformRange(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformRange(1, 1));
        Assert.Throws<ArgumentException>(() => new ChoiceRange([]));
        Assert.Throws<ArgumentException>(() => SearchSpace.Default.With(TunableParameters.Optimizer, new UniformRange(0, 1)));
        Assert.Throws<ArgumentException>(() => SearchSpace.Default.With(TunableParameters.Dropout, new UniformRange(0, 1)));
        Assert.Throws<ArgumentException>(() => SearchSpace.Default.With(TunableParameters.Optimizer, new ChoiceRange(["sgd", "lbfgs"])));
    }
}
