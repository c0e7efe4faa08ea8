using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NativeNet.Gradients;
using NativeNet.Layers;

namespace NativeNet.Tests.Layers;

/// <summary>
/// For random shapes and values, every layer's analytic gradients (input and parameters) equal central
/// differences: tightly in double, loosely in float.
/// </summary>
public class LayerGradientPropertyTests
{
    private const int CasesPerProperty = 40;

    /// <summary>Tight: rtol 1e-6 with h 1e-6; atol only absorbs the rounding of the loss (~1e-16·|L|/h).</summary>
    internal static readonly GradientCheckOptions DoubleOptions = new()
    {
        Epsilon = 1e-6,
        AbsoluteTolerance = 1e-8,
        RelativeTolerance = 1e-6,
        MaxElementsPerTensor = 300,
    };

    /// <summary>Float keeps ~7 digits and the central difference loses about half of them.</summary>
    internal static readonly GradientCheckOptions SingleOptions = new()
    {
        Epsilon = 1e-2,
        AbsoluteTolerance = 2e-3,
        RelativeTolerance = 1e-2,
        MaxElementsPerTensor = 300,
    };

    // Every property runs CasesPerProperty cases from this seed (FsCheck's "seed,gamma"), so CI sees the same cases on every run.
    internal const string Replay = "20240611,11400714819323198485";

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_Affine_gradients_equal_central_differences() => DoubleProperty(LayerKind.Affine);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_Relu_gradients_equal_central_differences() => DoubleProperty(LayerKind.Relu);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_Sigmoid_gradients_equal_central_differences() => DoubleProperty(LayerKind.Sigmoid);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_Tanh_gradients_equal_central_differences() => DoubleProperty(LayerKind.Tanh);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_BatchNormTraining_gradients_equal_central_differences() => DoubleProperty(LayerKind.BatchNormTraining);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_BatchNormInference_gradients_equal_central_differences() => DoubleProperty(LayerKind.BatchNormInference);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_DropoutReference_gradients_equal_central_differences() => DoubleProperty(LayerKind.DropoutReference);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_DropoutInverted_gradients_equal_central_differences() => DoubleProperty(LayerKind.DropoutInverted);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_LeakyRelu_gradients_equal_central_differences() => DoubleProperty(LayerKind.LeakyRelu);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_Softmax_gradients_equal_central_differences() => DoubleProperty(LayerKind.Softmax);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Double_LogSoftmax_gradients_equal_central_differences() => DoubleProperty(LayerKind.LogSoftmax);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_Affine_gradients_equal_central_differences() => FloatProperty(LayerKind.Affine);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_Relu_gradients_equal_central_differences() => FloatProperty(LayerKind.Relu);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_Sigmoid_gradients_equal_central_differences() => FloatProperty(LayerKind.Sigmoid);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_Tanh_gradients_equal_central_differences() => FloatProperty(LayerKind.Tanh);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_BatchNormTraining_gradients_equal_central_differences() => FloatProperty(LayerKind.BatchNormTraining);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_BatchNormInference_gradients_equal_central_differences() => FloatProperty(LayerKind.BatchNormInference);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_DropoutReference_gradients_equal_central_differences() => FloatProperty(LayerKind.DropoutReference);

    [Property(MaxTest = CasesPerProperty, Replay = Replay)]
    public Property Float_DropoutInverted_gradients_equal_central_differences() => FloatProperty(LayerKind.DropoutInverted);

    private static Property DoubleProperty(LayerKind kind) => GradientProperty<double>(kind, DoubleOptions, kinkMargin: 1e-3, minColumnStd: 0);

    private static Property FloatProperty(LayerKind kind) => GradientProperty<float>(kind, SingleOptions, kinkMargin: 2e-2, minColumnStd: 0.3);

    private static Property GradientProperty<T>(LayerKind kind, GradientCheckOptions options, double kinkMargin, double minColumnStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int minRows = LayerTestKit.MinRows(kind);
        return Prop.ForAll(
            Arb.From(LayerTestKit.Cases(minRows), c => LayerTestKit.Shrink(c, minRows)),
            c =>
            {
                LayerHost<T> host = LayerTestKit.Host<T>(kind, c);
                T[] x = LayerTestKit.Input<T>(kind, c, kinkMargin, minColumnStd);
                GradientCheckReport report = GradientCheck.CheckLayer(
                    host,
                    LayerTestKit.View(x, c.Rows, c.Width),
                    options with { Seed = (ulong)c.Seed, Training = LayerTestKit.Training(kind) });
                if (!report.Passed)
                {
                    throw new InvalidOperationException($"{kind} {c}:{Environment.NewLine}{report}");
                }
            });
    }
}
