using NativeNet.Optimizers;

namespace NativeNet.Tests.Optimizers;

public class OptimizerTests
{
    public static TheoryData<string> Kinds => [.. OptimizerCases.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_rejects_buffers_of_the_wrong_length(string kind)
    {
        Optimizer<float> optimizer = OptimizerCases.Create<float>(kind, 8);
        Assert.Equal("parameters", Assert.Throws<ShapeMismatchException>(() => optimizer.Step(new float[7], new float[8])).ParamName);
        Assert.Equal("gradients", Assert.Throws<ShapeMismatchException>(() => optimizer.Step(new float[8], new float[9])).ParamName);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void Step_rejects_partly_overlapping_buffers_but_allows_the_same_buffer()
    {
        var optimizer = new Sgd<double>(4, 0.5);
        var buffer = new double[5];
        Assert.Throws<ArgumentException>(() => optimizer.Step(buffer.AsSpan(0, 4), buffer.AsSpan(1, 4)));

        double[] w = [2, 4, 6, 8];
        optimizer.Step(w, w);
        Assert.Equal([1.0, 2, 3, 4], w);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_allocates_nothing_after_warm_up(string kind)
    {
        AllocatesNothing(OptimizerCases.Create<float>(kind, 1000));
        AllocatesNothing(OptimizerCases.Create<double>(kind, 1000));
    }

    [Theory]
    [InlineData("sgd", 0, "")]
    [InlineData("momentum", 1, "velocity")]
    [InlineData("nesterov", 1, "velocity")]
    [InlineData("adagrad", 1, "h")]
    [InlineData("rmsprop", 1, "h")]
    [InlineData("adam", 2, "m,v")]
    public void State_buffers_are_allocated_up_front_with_their_names(string name, int count, string names)
    {
        Optimizer<float> optimizer = OptimizerFactory.Create<float>(name, 17);
        Assert.Equal(count, optimizer.StateBufferCount);
        var actualNames = new List<string>();
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(17, optimizer.GetStateBuffer(i).Length);
            Assert.All(optimizer.GetStateBuffer(i).ToArray(), v => Assert.Equal(0f, v));
            actualNames.Add(optimizer.GetStateBufferName(i));
        }

        Assert.Equal(names, string.Join(",", actualNames));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.GetStateBuffer(count));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.GetStateBuffer(-1));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Reset_returns_to_the_initial_state(string kind)
    {
        var rng = new Random(5);
        Optimizer<double> fresh = OptimizerCases.Create<double>(kind, 40);
        Optimizer<double> used = OptimizerCases.Create<double>(kind, 40);
        used.Step(OptimizerCases.RandomVector<double>(rng, 40), OptimizerCases.RandomVector<double>(rng, 40));
        used.Step(OptimizerCases.RandomVector<double>(rng, 40), OptimizerCases.RandomVector<double>(rng, 40));
        Assert.Equal(2, used.StepCount);

        used.Reset();
        Assert.Equal(0, used.StepCount);

        double[] w1 = OptimizerCases.RandomVector<double>(rng, 40);
        double[] w2 = (double[])w1.Clone();
        double[] g = OptimizerCases.RandomVector<double>(rng, 40);
        fresh.Step(w1, g);
        used.Step(w2, g);
        Assert.Equal(w1, w2);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Restoring_state_and_step_count_resumes_training_exactly(string kind)
    {
        var rng = new Random(11);
        Optimizer<float> original = OptimizerCases.Create<float>(kind, 33);
        float[] w = OptimizerCases.RandomVector<float>(rng, 33);
        for (int step = 0; step < 4; step++)
        {
            original.Step(w, OptimizerCases.RandomVector<float>(rng, 33));
        }

        // What a model file stores: the state buffers and the step count.
        Optimizer<float> resumed = OptimizerCases.Create<float>(kind, 33);
        for (int i = 0; i < original.StateBufferCount; i++)
        {
            original.GetStateBuffer(i).CopyTo(resumed.GetStateBuffer(i));
        }

        resumed.StepCount = original.StepCount;
        float[] wResumed = (float[])w.Clone();
        for (int step = 0; step < 3; step++)
        {
            float[] g = OptimizerCases.RandomVector<float>(rng, 33);
            original.Step(w, g);
            resumed.Step(wResumed, g);
        }

        Assert.Equal(w, wResumed);
    }

    [Fact]
    public void Adam_corrected_learning_rate_follows_the_reference()
    {
        var adam = new Adam<double>(1, 0.3, 0.9, 0.999);
        Assert.Equal(0.3 * Math.Sqrt(1 - 0.999) / (1 - 0.9), adam.CorrectedLearningRate(1), 1e-15);
        Assert.Equal(0.3 * Math.Sqrt(1 - Math.Pow(0.999, 30)) / (1 - Math.Pow(0.9, 30)), adam.CorrectedLearningRate(30), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.CorrectedLearningRate(0));
    }

    [Fact]
    public void Hyperparameter_setters_validate()
    {
        var adam = new Adam<float>(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = 0f);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = float.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.Beta1 = 1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.Beta2 = -0.5f);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.StepCount = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumSgd<float>(1).Momentum = 1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nesterov<float>(1).Momentum = float.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp<float>(1).DecayRate = 2f);

        adam.LearningRate = 0.5f;
        Assert.Equal(0.5f, adam.LearningRate);
    }

    [Fact]
    public void A_decay_of_exactly_zero_is_accepted_and_momentum_zero_is_plain_sgd()
    {
        // Decay factors live in [0, 1): 0 is allowed (found by mutation testing: "> 0" instead of ">= 0" passed every test).
        var momentum = new MomentumSgd<double>(1, 0.1, 0.0);
        double[] w = [1.0];
        momentum.Step(w, [1.0]);
        momentum.Step(w, [1.0]);
        Assert.Equal(1.0 - 0.1 - 0.1, w[0], 1e-15);
        Assert.Equal(0.0, new Adam<double>(1, 0.1, 0.0, 0.0).Beta1);
        Assert.Equal(0f, new RmsProp<float>(1) { DecayRate = 0f }.DecayRate);
    }

    [Fact]
    public void Changing_the_learning_rate_between_steps_takes_effect()
    {
        var sgd = new Sgd<double>(1, 0.1);
        double[] w = [1.0];
        sgd.Step(w, [1.0]);
        sgd.LearningRate = 0.5;
        sgd.Step(w, [1.0]);
        Assert.Equal(1.0 - 0.1 - 0.5, w[0], 1e-15);
    }

    [Fact]
    public void Element_types_other_than_float_and_double_are_rejected()
    {
        Assert.Throws<NotSupportedException>(() => new Sgd<Half>(1));
    }

    private static void AllocatesNothing<T>(Optimizer<T> optimizer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(3);
        T[] w = OptimizerCases.RandomVector<T>(rng, optimizer.ParameterCount);
        T[] g = OptimizerCases.RandomVector<T>(rng, optimizer.ParameterCount);
        optimizer.Step(w, g);
        optimizer.Step(w, g);

        long allocated = AllocationMeter.BytesAllocatedBy(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                optimizer.Step(w, g);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_subclass_that_passes_no_state_names_gets_an_argument_error() =>
        Assert.Equal("stateBufferNames", Assert.Throws<ArgumentNullException>(() => new NamelessOptimizer()).ParamName);

    /// <summary>A user's optimizer that forgets its state names: the base class must say so, not crash.</summary>
    private sealed class NamelessOptimizer() : Optimizer<float>(4, 0.1f, null!)
    {
        public override string Name => "nameless";

        protected override void StepCore(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
        }
    }
}
