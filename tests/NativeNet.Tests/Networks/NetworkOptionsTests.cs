using System.Globalization;
using NativeNet.Layers;
using NativeNet.Networks;

namespace NativeNet.Tests.Networks;

public class NetworkOptionsTests
{
    private static readonly NetworkOptions _valid = new() { InputSize = 3, HiddenSizes = [2], OutputSize = 2 };

    public static TheoryData<string, NetworkOptions> Invalid => new()
    {
        { "InputSize", _valid with { InputSize = 0 } },
        { "OutputSize", _valid with { OutputSize = 0 } },
        { "HiddenSizes", _valid with { HiddenSizes = [0] } },
        { "HiddenSizes", _valid with { HiddenSizes = [2, 0] } },
        { "HiddenSizes", _valid with { HiddenSizes = [2, -1, 3] } },
        { "WeightDecay", _valid with { WeightDecay = -1e-300 } },
        { "WeightDecay", _valid with { WeightDecay = double.NaN } },
        { "WeightDecay", _valid with { WeightDecay = double.PositiveInfinity } },
        { "DropoutRatio", _valid with { DropoutRatio = -1e-300 } },
        { "DropoutRatio", _valid with { DropoutRatio = 1 } },
        { "DropoutRatio", _valid with { DropoutRatio = double.NaN } },
        { "BatchNormMomentum", _valid with { BatchNormMomentum = -1e-300 } },
        { "BatchNormMomentum", _valid with { BatchNormMomentum = 1 } },
        { "BatchNormMomentum", _valid with { BatchNormMomentum = double.NaN } },
        { "CrossEntropyEpsilon", _valid with { CrossEntropyEpsilon = -1e-300 } },
        { "CrossEntropyEpsilon", _valid with { CrossEntropyEpsilon = 1 } },
        { "CrossEntropyEpsilon", _valid with { CrossEntropyEpsilon = double.NaN } },
        { "BatchNormEpsilon", _valid with { BatchNormEpsilon = 0 } },
        { "BatchNormEpsilon", _valid with { BatchNormEpsilon = -1e-6 } },
        { "BatchNormEpsilon", _valid with { BatchNormEpsilon = double.NaN } },
        { "BatchNormEpsilon", _valid with { BatchNormEpsilon = double.PositiveInfinity } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_option_is_refused_by_name(string parameter, NetworkOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void The_edges_of_every_valid_range_are_accepted()
    {
        NetworkOptions[] edges =
        [
            _valid with { InputSize = 1, OutputSize = 1, HiddenSizes = [1, 1] },
            _valid with { HiddenSizes = [] },
            _valid with { WeightDecay = 0, DropoutRatio = 0, BatchNormMomentum = 0, CrossEntropyEpsilon = 0 },
            _valid with
            {
                DropoutRatio = Math.BitDecrement(1.0),
                BatchNormMomentum = Math.BitDecrement(1.0),
                CrossEntropyEpsilon = Math.BitDecrement(1.0),
                BatchNormEpsilon = double.Epsilon,
                WeightDecay = double.MaxValue,
            },
        ];
        foreach (var options in edges)
        {
            options.Validate();
        }

        Assert.Throws<ArgumentNullException>((_valid with { HiddenSizes = null! }).Validate);
    }

    [Fact]
    public void No_hidden_layers_is_one_affine_layer_from_input_to_output()
    {
        var net = new Network<float>(_valid with { HiddenSizes = [] }, batchCapacity: 2);
        Assert.Equal(["W1", "b1"], net.Parameters.Layout.Parameters.Select(p => p.Name));
        Assert.Equal((3 * 2) + 2, net.Parameters.Layout.ParameterCount);
    }

    [Fact]
    public void Options_are_equal_field_by_field_and_compare_hidden_sizes_by_element()
    {
        var a = new NetworkOptions { InputSize = 5, HiddenSizes = [4, 3], OutputSize = 2, Seed = 9 };
        var b = a with { HiddenSizes = new List<int> { 4, 3 } };
        Assert.True(a.Equals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(null));

        NetworkOptions[] different =
        [
            a with { InputSize = 6 },
            a with { HiddenSizes = [4, 2] },
            a with { HiddenSizes = [4] },
            a with { OutputSize = 3 },
            a with { Activation = Activation.Tanh },
            a with { WeightInit = WeightInit.Xavier },
            a with { WeightDecay = 0.1 },
            a with { DropoutRatio = 0.1 },
            a with { DropoutMode = DropoutMode.Inverted },
            a with { UseBatchNorm = true },
            a with { BatchNormMomentum = 0.5 },
            a with { BatchNormEpsilon = 1e-5 },
            a with { CrossEntropyEpsilon = 1e-7 },
            a with { Seed = 10 },
        ];
        foreach (var other in different)
        {
            Assert.False(a.Equals(other), other.Describe());
            Assert.False(other.Equals(a), other.Describe());
        }
    }

    [Fact]
    public void Describe_names_the_shape_activation_init_and_regularisation()
    {
        var plain = new NetworkOptions { InputSize = 784, HiddenSizes = [100], OutputSize = 10 };
        Assert.Equal("784-100-10 relu init=he", plain.Describe());
        Assert.Equal("784-100x4-10 relu init=he", (plain with { HiddenSizes = [100, 100, 100, 100] }).Describe());
        Assert.Equal("784-100-50-10 sigmoid init=0.01", (plain with { HiddenSizes = [100, 50], Activation = Activation.Sigmoid, WeightInit = WeightInit.Std(0.01) }).Describe());
        Assert.Equal("784-10 tanh init=xavier", (plain with { HiddenSizes = [], Activation = Activation.Tanh, WeightInit = WeightInit.Xavier }).Describe());
        Assert.Equal(
            "784-100-10 relu init=he batchnorm dropout=0.5 decay=0.01",
            (plain with { UseBatchNorm = true, DropoutRatio = 0.5, WeightDecay = 0.01 }).Describe());
    }

    [Fact]
    public void Describe_writes_numbers_the_same_in_every_culture()
    {
        var options = new NetworkOptions { InputSize = 784, HiddenSizes = [100], OutputSize = 10, DropoutRatio = 0.5, WeightDecay = 0.01, WeightInit = WeightInit.Std(0.01) };
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // The tests run with invariant globalization, so a named culture is not available: a comma culture by hand.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,5", $"{0.5}");
            Assert.Equal("784-100-10 relu init=0.01 dropout=0.5 decay=0.01", options.Describe());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void The_two_layer_options_are_the_books_chapter_4_network()
    {
        var options = NetworkOptions.TwoLayer(784, 50, 10);
        Assert.Equal(new NetworkOptions { InputSize = 784, HiddenSizes = [50], OutputSize = 10, Activation = Activation.Sigmoid, WeightInit = WeightInit.Std(0.01) }, options);
        Assert.Equal(WeightInit.Std(0.5), NetworkOptions.TwoLayer(4, 3, 2, weightInitStd: 0.5, seed: 7).WeightInit);
        Assert.Equal(7UL, NetworkOptions.TwoLayer(4, 3, 2, seed: 7).Seed);
    }
}
