using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Networks;

/// <summary>
/// L2 weight decay reaches the weight matrices only, as in the book (0.5·λ·ΣW² over W1..WL; the biases are not
/// decayed). Biases are set to non-zero values first: a fresh network's zero biases would hide λ·b.
/// </summary>
public class WeightDecayTests
{
    private const double Lambda = 0.1;

    private static readonly NetworkOptions _options = new() { InputSize = 12, HiddenSizes = [9, 7], OutputSize = 4, Seed = 11 };

    [Fact]
    public void Decay_adds_to_the_loss_and_the_gradient_of_the_weights_and_not_of_the_biases()
    {
        var plain = new Network<double>(_options, 8);
        var decayed = new Network<double>(_options with { WeightDecay = Lambda }, 8);
        var random = new Random(5);
        foreach (var segment in plain.Parameters.Layout.Parameters.Where(p => p.Kind == ParameterKind.Bias))
        {
            var bias = plain.Parameters.Value(segment.Name).Span;
            for (int i = 0; i < bias.Length; i++)
                bias[i] = random.NextDouble() - 0.5;
            bias.CopyTo(decayed.Parameters.Value(segment.Name).Span);
        }

        Assert.True(plain.Parameters.Values.SequenceEqual(decayed.Parameters.Values));
        var data = TestData.Blobs<double>(8, 12, 4, 3);
        var x = new ReadOnlyTensorView<double>(data.Features, new Shape(8, 12));
        var t = LabelBatch<double>.FromIndices(data.Labels);
        double plainLoss = plain.Gradient(x, t);
        double decayedLoss = decayed.Gradient(x, t);

        double sumW2 = 0;
        foreach (var segment in plain.Parameters.Layout.Parameters)
        {
            var value = plain.Parameters.Value(segment.Name).Span;
            var gradient = plain.Parameters.Gradient(segment.Name).Span;
            var decayedGradient = decayed.Parameters.Gradient(segment.Name).Span;
            bool weights = segment.Kind == ParameterKind.Weight;
            for (int i = 0; i < value.Length; i++)
            {
                double expected = gradient[i] + (weights ? Lambda * value[i] : 0);
                Assert.True(Math.Abs(expected - decayedGradient[i]) <= 1e-12, $"{segment.Name}[{i}]: expected {expected}, got {decayedGradient[i]}");
                if (weights)
                    sumW2 += value[i] * value[i];
            }
        }

        Assert.Equal(plainLoss + (0.5 * Lambda * sumW2), decayedLoss, 12);
    }
}
