using NativeNet.Optimizers;

namespace NativeNet.Tests.Optimizers;

public class OptimizerFactoryTests
{
    [Fact]
    public void Names_are_the_reference_names()
    {
        Assert.Equal(["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"], OptimizerFactory.Names);
    }

    [Fact]
    public void Every_optimizer_reports_its_reference_name()
    {
        // All six names in both element types; the theory below checks each name once, in float.
        foreach (string name in OptimizerFactory.Names)
        {
            Assert.Equal(name, OptimizerFactory.Create<double>(name, 3).Name);
            Assert.Equal(name, OptimizerFactory.Create<float>(name, 3).Name);
        }
    }

    [Fact]
    public void Every_optimizer_describes_itself_by_name_and_learning_rate()
    {
        // Found by mutation testing: no selected test read ToString, so an empty description passed.
        foreach (string name in OptimizerFactory.Names)
        {
            Optimizer<double> optimizer = OptimizerFactory.Create<double>(name, 3, lr: 0.5);
            Assert.StartsWith($"{name}(lr=", optimizer.ToString(), StringComparison.Ordinal);
            Assert.Contains(0.5.ToString(), optimizer.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_state_buffer_index_out_of_range_is_an_argument_error()
    {
        // Found by mutation testing: without the guards the array index throws IndexOutOfRangeException instead.
        foreach (string name in OptimizerFactory.Names)
        {
            Optimizer<double> optimizer = OptimizerFactory.Create<double>(name, 3);
            Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.GetStateBufferName(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.GetStateBufferName(optimizer.StateBufferCount));
        }
    }

    [Theory]
    [InlineData("sgd", typeof(Sgd<float>))]
    [InlineData("SGD", typeof(Sgd<float>))]
    [InlineData("Momentum", typeof(MomentumSgd<float>))]
    [InlineData("nesterov", typeof(Nesterov<float>))]
    [InlineData("AdaGrad", typeof(AdaGrad<float>))]
    [InlineData("RMSprop", typeof(RmsProp<float>))]
    [InlineData("ADAM", typeof(Adam<float>))]
    public void Creates_by_name_case_insensitively(string name, Type type)
    {
        Optimizer<float> optimizer = OptimizerFactory.Create<float>(name, 10);
        Assert.IsType(type, optimizer);
        Assert.Equal(name.ToLowerInvariant(), optimizer.Name);
        Assert.Equal(10, optimizer.ParameterCount);
        Assert.Equal(name.Equals("adam", StringComparison.OrdinalIgnoreCase) ? 0.001f : 0.01f, optimizer.LearningRate);
    }

    [Fact]
    public void Unset_hyperparameters_take_the_reference_defaults()
    {
        Assert.Equal(0.9, ((MomentumSgd<double>)OptimizerFactory.Create<double>("momentum", 1)).Momentum);
        Assert.Equal(0.9, ((Nesterov<double>)OptimizerFactory.Create<double>("nesterov", 1)).Momentum);
        Assert.Equal(0.99, ((RmsProp<double>)OptimizerFactory.Create<double>("rmsprop", 1)).DecayRate);
        var adam = (Adam<double>)OptimizerFactory.Create<double>("adam", 1);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
    }

    [Fact]
    public void Given_hyperparameters_are_used()
    {
        var momentum = (MomentumSgd<double>)OptimizerFactory.Create<double>("momentum", 3, lr: 0.2, momentum: 0.5);
        Assert.Equal(0.2, momentum.LearningRate);
        Assert.Equal(0.5, momentum.Momentum);
        var nesterov = (Nesterov<float>)OptimizerFactory.Create<float>("nesterov", 3, lr: 0.2, momentum: 0.5);
        Assert.Equal(0.2f, nesterov.LearningRate);
        Assert.Equal(0.5f, nesterov.Momentum);
        var rmsprop = (RmsProp<double>)OptimizerFactory.Create<double>("rmsprop", 3, lr: 0.3, decayRate: 0.8);
        Assert.Equal(0.3, rmsprop.LearningRate);
        Assert.Equal(0.8, rmsprop.DecayRate);
        var adam = (Adam<double>)OptimizerFactory.Create<double>("adam", 3, lr: 0.3, beta1: 0.5, beta2: 0.6);
        Assert.Equal(0.3, adam.LearningRate);
        Assert.Equal(0.5, adam.Beta1);
        Assert.Equal(0.6, adam.Beta2);
        Assert.Equal("adam(lr=0.3, beta1=0.5, beta2=0.6)", adam.ToString());
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>("adamw", 1));
        Assert.Equal("name", e.ParamName);
        foreach (string name in OptimizerFactory.Names)
        {
            Assert.Contains(name, e.Message);
        }

        Assert.Throws<ArgumentNullException>(() => OptimizerFactory.Create<float>(null!, 1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Invalid_learning_rates_throw_naming_lr(double lr)
    {
        foreach (string name in OptimizerFactory.Names)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<float>(name, 1, lr: lr));
            Assert.Equal("lr", e.ParamName);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Decay_factors_outside_zero_to_one_throw_naming_the_parameter(double value)
    {
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<double>("momentum", 1, momentum: value)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<double>("nesterov", 1, momentum: value)).ParamName);
        Assert.Equal("decayRate", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<double>("rmsprop", 1, decayRate: value)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<double>("adam", 1, beta1: value)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<double>("adam", 1, beta2: value)).ParamName);
    }

    [Fact]
    public void A_value_that_rounds_to_one_in_float_is_rejected()
    {
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<float>("adam", 1, beta2: 0.999999999)).ParamName);
        Assert.IsType<Adam<double>>(OptimizerFactory.Create<double>("adam", 1, beta2: 0.999999999));
    }

    [Fact]
    public void Hyperparameters_the_method_does_not_have_are_rejected()
    {
        Assert.Equal("momentum", Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<double>("adam", 1, momentum: 0.9)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<double>("sgd", 1, beta1: 0.9)).ParamName);
        Assert.Equal("decayRate", Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<double>("adagrad", 1, decayRate: 0.9)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<double>("rmsprop", 1, beta2: 0.9)).ParamName);
    }

    [Fact]
    public void Negative_parameter_counts_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerFactory.Create<float>("sgd", -1));
        Assert.Equal(0, OptimizerFactory.Create<float>("adam", 0).ParameterCount);
    }
}
