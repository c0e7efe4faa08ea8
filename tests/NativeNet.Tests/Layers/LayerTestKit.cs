using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NativeNet.Layers;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Tests.Layers;

/// <summary>Every layer configuration the property tests cover.</summary>
public enum LayerKind
{
    Affine,
    Relu,
    Sigmoid,
    Tanh,
    BatchNormTraining,
    BatchNormInference,
    DropoutReference,
    DropoutInverted,
    LeakyRelu,
    Softmax,
    LogSoftmax,
}

/// <summary>A random test case: sizes and the seed of every random value in it.</summary>
/// <param name="Rows">N, the batch size.</param>
/// <param name="Width">D, the input width.</param>
/// <param name="OutputWidth">M, used by Affine only.</param>
/// <param name="Seed">Seeds the input, the parameters and the dropout masks.</param>
public sealed record LayerCase(int Rows, int Width, int OutputWidth, int Seed);

/// <summary>Builds hosted layers with random (not default) parameters and random inputs.</summary>
internal static class LayerTestKit
{
    /// <summary>Batch 1..16 (2..16 for training batch norm), widths 1..40.</summary>
    public static Gen<LayerCase> Cases(int minRows = 1) =>
        from rows in Gen.Choose(minRows, 16)
        from width in Gen.Choose(1, 40)
        from outputWidth in Gen.Choose(1, 40)
        from seed in Gen.Choose(0, int.MaxValue)
        select new LayerCase(rows, width, outputWidth, seed);

    /// <summary>Shrinks sizes towards the smallest allowed, keeping the seed.</summary>
    public static IEnumerable<LayerCase> Shrink(LayerCase c, int minRows = 1)
    {
        if (c.Rows > minRows)
        {
            yield return c with { Rows = Math.Max(minRows, c.Rows / 2) };
        }

        if (c.Width > 1)
        {
            yield return c with { Width = c.Width / 2 };
        }

        if (c.OutputWidth > 1)
        {
            yield return c with { OutputWidth = c.OutputWidth / 2 };
        }
    }

    public static int MinRows(LayerKind kind) => kind == LayerKind.BatchNormTraining ? 2 : 1;

    public static bool Training(LayerKind kind) => kind != LayerKind.BatchNormInference;

    public static ILayer<T> Create<T>(LayerKind kind, LayerCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double ratio = 0.1 + (0.8 * (c.Seed % 97) / 96.0);
        return kind switch
        {
            LayerKind.Affine => new AffineLayer<T>(c.Width, c.OutputWidth, 0.5, "W1", "b1"),
            LayerKind.Relu => new ReluLayer<T>(c.Width),
            LayerKind.Sigmoid => new SigmoidLayer<T>(c.Width),
            LayerKind.Tanh => new TanhLayer<T>(c.Width),
            LayerKind.BatchNormTraining or LayerKind.BatchNormInference => new BatchNormalizationLayer<T>(c.Width, "gamma1", "beta1", "runningMean1", "runningVar1"),
            LayerKind.DropoutReference => new DropoutLayer<T>(c.Width, ratio, new SeededRandom((ulong)c.Seed), DropoutMode.Reference) { ReuseMask = true },
            LayerKind.DropoutInverted => new DropoutLayer<T>(c.Width, ratio, new SeededRandom((ulong)c.Seed), DropoutMode.Inverted) { ReuseMask = true },
            LayerKind.LeakyRelu => new LeakyReluLayer<T>(c.Width, 0.05 + (0.5 * (c.Seed % 89) / 88.0)),
            LayerKind.Softmax => new SoftmaxLayer<T>(c.Width),
            LayerKind.LogSoftmax => new LogSoftmaxLayer<T>(c.Width),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>A host whose parameters (and batch-norm running statistics) are random, so every gradient term matters.</summary>
    public static LayerHost<T> Host<T>(LayerKind kind, LayerCase c, int? capacity = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var host = new LayerHost<T>(Create<T>(kind, c), capacity ?? c.Rows, (ulong)c.Seed);
        if (host.Layer is BatchNormalizationLayer<T> bn)
        {
            var random = new SeededRandom((ulong)c.Seed + 1);
            FillGaussian(bn.Gamma.Span, random, 0.5, T.One);
            FillGaussian(bn.Beta.Span, random, 1.0, T.Zero);
            FillGaussian(bn.RunningMean.Span, random, 1.0, T.Zero);
            Span<T> variance = bn.RunningVariance.Span;
            for (int i = 0; i < variance.Length; i++)
            {
                variance[i] = T.CreateChecked(0.5 + (1.5 * random.NextDouble()));
            }
        }

        return host;
    }

    /// <summary>
    /// N(0, 1) inputs; for ReLU pushed at least <paramref name="kinkMargin"/> away from the kink at 0. For
    /// training batch norm, columns whose batch standard deviation is below <paramref name="minColumnStd"/>
    /// are redrawn: the normalisation bends on the scale of that deviation, so a finite-difference step
    /// must be small against it (float's large step needs this; double's does not, pass 0).
    /// </summary>
    public static T[] Input<T>(LayerKind kind, LayerCase c, double kinkMargin, double minColumnStd = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new double[c.Rows * c.Width];
        var random = new SeededRandom((ulong)c.Seed + 2);
        for (int i = 0; i < x.Length; i++)
        {
            double v = random.NextGaussian();
            if (kind is LayerKind.Relu or LayerKind.LeakyRelu && Math.Abs(v) < kinkMargin)
            {
                v = v < 0 ? -kinkMargin : kinkMargin;
            }

            x[i] = v;
        }

        if (kind == LayerKind.BatchNormTraining)
        {
            for (int j = 0; j < c.Width; j++)
            {
                while (ColumnStd(x, c.Rows, c.Width, j) < minColumnStd)
                {
                    for (int i = 0; i < c.Rows; i++)
                    {
                        x[(i * c.Width) + j] = random.NextGaussian();
                    }
                }
            }
        }

        return Array.ConvertAll(x, T.CreateChecked);
    }

    private static double ColumnStd(double[] x, int rows, int width, int column)
    {
        double mean = 0;
        for (int i = 0; i < rows; i++)
        {
            mean += x[(i * width) + column];
        }

        mean /= rows;
        double squares = 0;
        for (int i = 0; i < rows; i++)
        {
            double d = x[(i * width) + column] - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / rows);
    }

    public static void FillGaussian<T>(Span<T> destination, SeededRandom random, double scale, T offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = offset + T.CreateChecked(scale * random.NextGaussian());
        }
    }

    public static T[] Gaussian<T>(int length, ulong seed, double scale = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        FillGaussian<T>(values, new SeededRandom(seed), scale, T.Zero);
        return values;
    }

    /// <summary>Plans <paramref name="layer"/> and asserts it asks for exactly one workspace buffer, with this name and row length.</summary>
    public static void AssertSingleBuffer<T>(ILayer<T> layer, string name, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plan = new WorkspacePlan();
        layer.Plan(new ParameterLayout(), plan);
        WorkspaceBufferSpec buffer = Assert.Single(plan.Buffers);
        Assert.Equal(name, buffer.Name);
        Assert.Equal(length, buffer.Length);
    }

    /// <summary>Plans and binds a loss layer for batches up to <paramref name="capacity"/>.</summary>
    public static TLoss Bind<TLoss, T>(TLoss loss, int capacity)
        where TLoss : ILossLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plan = new WorkspacePlan();
        loss.Plan(plan);
        loss.Bind(plan.Build<T>(capacity));
        return loss;
    }

    public static ReadOnlyTensorView<T> View<T>(T[] values, int rows, int columns)
        where T : unmanaged => new(values, new Shape(rows, columns));

    public static TensorView<T> Writable<T>(T[] values, int rows, int columns)
        where T : unmanaged => new(values, new Shape(rows, columns));
}
