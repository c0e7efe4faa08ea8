using System.Numerics;
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

    public static TheoryData<LayerKind> AllKinds => new(Enum.GetValues<LayerKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Double_gradients_equal_central_differences(LayerKind kind) =>
        CheckProperty<double>(kind, DoubleOptions, kinkMargin: 1e-3, minColumnStd: 0);

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Float_gradients_equal_central_differences(LayerKind kind) =>
        CheckProperty<float>(kind, SingleOptions, kinkMargin: 2e-2, minColumnStd: 0.3);

    private static void CheckProperty<T>(LayerKind kind, GradientCheckOptions options, double kinkMargin, double minColumnStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int minRows = LayerTestKit.MinRows(kind);
        PropertyRunner.ForAll(
            LayerTestKit.Cases(minRows),
            c => LayerTestKit.Shrink(c, minRows),
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
            },
            CasesPerProperty);
    }
}
