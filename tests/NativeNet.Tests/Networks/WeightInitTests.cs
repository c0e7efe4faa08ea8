using NativeNet.Networks;

namespace NativeNet.Tests.Networks;

public class WeightInitTests
{
    [Theory]
    [InlineData("he", WeightInitKind.He)]
    [InlineData("relu", WeightInitKind.He)]
    [InlineData(" HE ", WeightInitKind.He)]
    [InlineData("xavier", WeightInitKind.Xavier)]
    [InlineData("Sigmoid", WeightInitKind.Xavier)]
    public void Weight_init_names_parse_in_any_case(string text, WeightInitKind kind)
    {
        Assert.Equal(kind, WeightInit.Parse(text).Kind);
    }

    [Theory]
    [InlineData("0.01", 0.01)]
    [InlineData("0", 0.0)]
    [InlineData("1e-3", 0.001)]
    public void A_number_parses_as_a_fixed_standard_deviation(string text, double std)
    {
        Assert.Equal(WeightInit.Std(std), WeightInit.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lecun")]
    [InlineData("-0.01")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Unknown_names_and_bad_numbers_are_an_argument_error(string text)
    {
        // Exactly ArgumentException: a bad number must not reach Std's ArgumentOutOfRangeException.
        var error = Assert.Throws<ArgumentException>(() => WeightInit.Parse(text));
        Assert.Equal("text", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => WeightInit.Parse(null!));
    }

    [Fact]
    public void Weight_init_text_reads_back_and_gives_the_rules_standard_deviation()
    {
        foreach (var init in new[] { WeightInit.He, WeightInit.Xavier, WeightInit.Std(0.01), WeightInit.Std(0) })
        {
            Assert.Equal(init, WeightInit.Parse(init.ToString()));
        }

        Assert.Equal("he", WeightInit.He.ToString());
        Assert.Equal("xavier", WeightInit.Xavier.ToString());
        Assert.Equal("0.01", WeightInit.Std(0.01).ToString());
        Assert.Equal(Math.Sqrt(2.0 / 50), WeightInit.He.StdFor(50));
        Assert.Equal(Math.Sqrt(1.0 / 50), WeightInit.Xavier.StdFor(50));
        Assert.Equal(0.25, WeightInit.Std(0.25).StdFor(50));
        Assert.Equal(0.0, WeightInit.He.FixedStd);
    }

    [Theory]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_fixed_standard_deviation_must_be_finite_and_non_negative(double std)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightInit.Std(std));
    }

    [Fact]
    public void A_fixed_standard_deviation_of_zero_or_the_smallest_double_is_allowed()
    {
        Assert.Equal(0.0, WeightInit.Std(0).FixedStd);
        Assert.Equal(double.Epsilon, WeightInit.Std(double.Epsilon).FixedStd);
        Assert.Equal(WeightInitKind.Fixed, WeightInit.Std(0).Kind);
    }
}
