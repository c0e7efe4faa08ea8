using NativeNet.Networks;

namespace NativeNet.Serialization;

/// <summary>Version 1's architecture: the <see cref="NetworkOptions"/> a <see cref="Network{T}"/> is built from.</summary>
public static partial class ModelFile
{
    /// <summary>Parameters plus state scalars of the architecture without alignment padding: a lower bound on what a file holds.</summary>
    private static long MinimumValueCount(NetworkOptions options)
    {
        long count = 0;
        long fanIn = options.InputSize;
        foreach (int width in options.HiddenSizes)
        {
            // W, b, and with batch norm gamma, beta and the two running statistics.
            count += (fanIn * width) + width + (options.UseBatchNorm ? 4L * width : 0);
            fanIn = width;
        }

        return count + (fanIn * options.OutputSize) + options.OutputSize;
    }

    private static void WriteOptions(BinaryFieldWriter writer, NetworkOptions options)
    {
        writer.Int32(options.InputSize);
        writer.Int32(options.HiddenSizes.Count);
        foreach (int width in options.HiddenSizes)
        {
            writer.Int32(width);
        }

        writer.Int32(options.OutputSize);
        writer.Byte((byte)options.Activation);
        writer.Byte((byte)options.WeightInit.Kind);
        writer.Double(options.WeightInit.FixedStd);
        writer.Double(options.WeightDecay);
        writer.Double(options.DropoutRatio);
        writer.Byte((byte)options.DropoutMode);
        writer.Byte(options.UseBatchNorm ? (byte)1 : (byte)0);
        writer.Double(options.BatchNormMomentum);
        writer.Double(options.BatchNormEpsilon);
        writer.Double(options.CrossEntropyEpsilon);
        writer.Int64(unchecked((long)options.Seed));
    }

    private static NetworkOptions ReadOptions(ref BinaryFieldReader reader)
    {
        const int MaxWidth = 1 << 20;
        const int MaxHiddenLayers = 1024;
        int input = reader.Int32();
        int hiddenCount = reader.Int32();
        if (hiddenCount < 0 || hiddenCount > MaxHiddenLayers)
        {
            throw reader.Error($"invalid hidden layer count {hiddenCount}");
        }

        int[] hidden = new int[hiddenCount];
        for (int i = 0; i < hiddenCount; i++)
        {
            hidden[i] = reader.Int32();
        }

        int output = reader.Int32();
        if (input is <= 0 or > MaxWidth || output is <= 0 or > MaxWidth || hidden.Any(h => h is <= 0 or > MaxWidth))
        {
            throw reader.Error($"invalid layer sizes {input}-{string.Join('-', hidden)}-{output}");
        }

        byte activation = reader.Byte();
        byte initKind = reader.Byte();
        double initStd = reader.Double();
        double decay = reader.Double();
        double dropout = reader.Double();
        byte dropoutMode = reader.Byte();
        byte batchNorm = reader.Byte();
        double bnMomentum = reader.Double();
        double bnEpsilon = reader.Double();
        double ceEpsilon = reader.Double();
        ulong seed = unchecked((ulong)reader.Int64());
        if (activation > (byte)Activation.Tanh || initKind > (byte)WeightInitKind.Xavier || dropoutMode > 1 || batchNorm > 1)
        {
            throw reader.Error("invalid architecture codes (activation, initialisation, dropout mode or batch-norm flag)");
        }

        var options = new NetworkOptions
        {
            InputSize = input,
            HiddenSizes = hidden,
            OutputSize = output,
            Activation = (Activation)activation,
            WeightInit = (WeightInitKind)initKind switch
            {
                WeightInitKind.He => WeightInit.He,
                WeightInitKind.Xavier => WeightInit.Xavier,
                _ => double.IsFinite(initStd) && initStd >= 0 ? WeightInit.Std(initStd) : throw reader.Error($"invalid weight standard deviation {initStd}"),
            },
            WeightDecay = decay,
            DropoutRatio = dropout,
            DropoutMode = (Layers.DropoutMode)dropoutMode,
            UseBatchNorm = batchNorm == 1,
            BatchNormMomentum = bnMomentum,
            BatchNormEpsilon = bnEpsilon,
            CrossEntropyEpsilon = ceEpsilon,
            Seed = seed,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw reader.Error($"invalid architecture: {e.Message}");
        }

        return options;
    }
}
