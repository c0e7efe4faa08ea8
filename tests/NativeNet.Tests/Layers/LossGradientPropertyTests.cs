using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Gradients;
using NativeNet.Layers;
using NativeNet.Randomness;

namespace NativeNet.Tests.Layers;

/// <summary>For random batches, classes, scores and labels, each loss's backward equals central differences of its forward.</summary>
public class LossGradientPropertyTests
{
    private const int CasesPerProperty = 40;

    public enum LossKind
    {
        SoftmaxExact,
        SumOfSquares,
    }

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Double_SoftmaxExact_gradients_with_index_labels_equal_central_differences() =>
        LossProperty<double>(LossKind.SoftmaxExact, indexLabels: true, LayerGradientPropertyTests.DoubleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Double_SoftmaxExact_gradients_with_one_hot_labels_equal_central_differences() =>
        LossProperty<double>(LossKind.SoftmaxExact, indexLabels: false, LayerGradientPropertyTests.DoubleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Double_SumOfSquares_gradients_with_index_labels_equal_central_differences() =>
        LossProperty<double>(LossKind.SumOfSquares, indexLabels: true, LayerGradientPropertyTests.DoubleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Double_SumOfSquares_gradients_with_one_hot_labels_equal_central_differences() =>
        LossProperty<double>(LossKind.SumOfSquares, indexLabels: false, LayerGradientPropertyTests.DoubleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Float_SoftmaxExact_gradients_with_index_labels_equal_central_differences() =>
        LossProperty<float>(LossKind.SoftmaxExact, indexLabels: true, LayerGradientPropertyTests.SingleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Float_SoftmaxExact_gradients_with_one_hot_labels_equal_central_differences() =>
        LossProperty<float>(LossKind.SoftmaxExact, indexLabels: false, LayerGradientPropertyTests.SingleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Float_SumOfSquares_gradients_with_index_labels_equal_central_differences() =>
        LossProperty<float>(LossKind.SumOfSquares, indexLabels: true, LayerGradientPropertyTests.SingleOptions);

    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Float_SumOfSquares_gradients_with_one_hot_labels_equal_central_differences() =>
        LossProperty<float>(LossKind.SumOfSquares, indexLabels: false, LayerGradientPropertyTests.SingleOptions);

    /// <summary>
    /// The reference's δ = 1e-7 in log(y + δ) is not differentiated by the fused backward: with δ the backward
    /// is the same as without, and the loss is lower by exactly (1/N) Σ log(1 + δ / y_t). (So a gradient
    /// check of the δ loss is off by a relative δ / (y_t + δ), above 1e-2 for label probabilities near 1e-5.)
    /// </summary>
    [Property(MaxTest = CasesPerProperty, Replay = LayerGradientPropertyTests.Replay)]
    public Property Reference_log_epsilon_changes_the_loss_by_the_known_amount_and_not_the_gradient() =>
        Prop.ForAll(
            Arb.From(LayerTestKit.Cases(), c => LayerTestKit.Shrink(c)),
            c =>
            {
                int classes = c.Width;
                var exact = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(classes, logEpsilon: 0), c.Rows);
                var reference = LayerTestKit.Bind<SoftmaxWithLossLayer<double>, double>(new SoftmaxWithLossLayer<double>(classes), c.Rows);
                double[] scores = LayerTestKit.Gaussian<double>(c.Rows * classes, (ulong)c.Seed, scale: 2.0);
                int[] indices = RandomLabels(c.Rows, classes, (ulong)c.Seed + 7);
                var x = LayerTestKit.View(scores, c.Rows, classes);
                double exactLoss = exact.Forward(x, LabelBatch<double>.FromIndices(indices));
                double referenceLoss = reference.Forward(x, LabelBatch<double>.FromIndices(indices));

                double expectedGap = 0;
                for (int i = 0; i < c.Rows; i++)
                {
                    expectedGap += Math.Log(1 + (SoftmaxWithLossLayer<double>.DefaultLogEpsilon / exact.Probabilities[i, indices[i]]));
                }

                expectedGap /= c.Rows;
                Assert.Equal(expectedGap, exactLoss - referenceLoss, 1e-9 * (1 + Math.Abs(exactLoss)));

                var dxExact = new double[scores.Length];
                var dxReference = new double[scores.Length];
                exact.Backward(x, LabelBatch<double>.FromIndices(indices), LayerTestKit.Writable(dxExact, c.Rows, classes));
                reference.Backward(x, LabelBatch<double>.FromIndices(indices), LayerTestKit.Writable(dxReference, c.Rows, classes));
                Assert.Equal(dxExact, dxReference);
            });

    // A central difference rounds by about ε_machine · |L| / h, and the sum of squares is not averaged over
    // the batch, so |L| reaches hundreds here: the absolute tolerance must cover that rounding.
    private static GradientCheckOptions CoverRounding<T>(GradientCheckOptions options, T lossValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double rounding = 8 * double.CreateChecked(MachineEpsilon<T>()) * Math.Abs(double.CreateChecked(lossValue)) / options.Epsilon;
        return options with { AbsoluteTolerance = Math.Max(options.AbsoluteTolerance, rounding) };
    }

    private static T MachineEpsilon<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    private static Property LossProperty<T>(LossKind kind, bool indexLabels, GradientCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Prop.ForAll(
            Arb.From(LayerTestKit.Cases(), c => LayerTestKit.Shrink(c)),
            c =>
            {
                int classes = c.Width;
                ILossLayer<T> loss = kind switch
                {
                    LossKind.SoftmaxExact => LayerTestKit.Bind<SoftmaxWithLossLayer<T>, T>(new SoftmaxWithLossLayer<T>(classes, logEpsilon: 0), c.Rows),
                    _ => LayerTestKit.Bind<SumOfSquaresLossLayer<T>, T>(new SumOfSquaresLossLayer<T>(classes), c.Rows),
                };
                T[] scores = LayerTestKit.Gaussian<T>(c.Rows * classes, (ulong)c.Seed, scale: 2.0);
                int[] indices = RandomLabels(c.Rows, classes, (ulong)c.Seed + 7);
                T[] oneHot = OneHot<T>(indices, classes);
                LabelBatch<T> labels = indexLabels
                    ? LabelBatch<T>.FromIndices(indices)
                    : LabelBatch<T>.FromOneHot(LayerTestKit.View(oneHot, c.Rows, classes));
                T value = loss.Forward(LayerTestKit.View(scores, c.Rows, classes), labels);
                GradientCheckReport report = GradientCheck.CheckLoss(loss, LayerTestKit.View(scores, c.Rows, classes), labels, CoverRounding(options, value));
                if (!report.Passed)
                {
                    throw new InvalidOperationException($"{kind} index={indexLabels} {c}:{Environment.NewLine}{report}");
                }
            });

    internal static int[] RandomLabels(int rows, int classes, ulong seed)
    {
        var random = new SeededRandom(seed);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = random.NextInt(classes);
        }

        return labels;
    }

    internal static T[] OneHot<T>(int[] indices, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var oneHot = new T[indices.Length * classes];
        for (int i = 0; i < indices.Length; i++)
        {
            oneHot[(i * classes) + indices[i]] = T.One;
        }

        return oneHot;
    }
}
