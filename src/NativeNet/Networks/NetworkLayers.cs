using System.Numerics;
using NativeNet.Layers;
using NativeNet.Randomness;

namespace NativeNet.Networks;

/// <summary>Turns <see cref="NetworkOptions"/> into the layer sequence of the book's MultiLayerNetExtend.</summary>
internal static class NetworkLayers
{
    /// <summary>
    /// <c>(Affine k → [BatchNorm k] → activation → [Dropout]) for each hidden layer, then the last Affine</c>;
    /// parameters named W1, b1, gamma1, beta1, … as in the reference.
    /// </summary>
    public static (ILayer<T>[] Layers, DropoutLayer<T>[] Dropouts) Build<T>(NetworkOptions options, SeededRandom dropoutRandom)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<ILayer<T>>();
        var dropouts = new List<DropoutLayer<T>>();
        int fanIn = options.InputSize;
        for (int k = 1; k <= options.HiddenSizes.Count; k++)
        {
            int width = options.HiddenSizes[k - 1];
            var affine = new AffineLayer<T>(fanIn, width, options.WeightInit.StdFor(fanIn), $"W{k}", $"b{k}");
            layers.Add(affine);
            if (options.UseBatchNorm)
            {
                layers.Add(new BatchNormalizationLayer<T>(width, $"gamma{k}", $"beta{k}", $"runningMean{k}", $"runningVar{k}", options.BatchNormMomentum, options.BatchNormEpsilon));
            }

            layers.Add(options.Activation switch
            {
                Activation.Relu => new ReluLayer<T>(width),
                Activation.Sigmoid => new SigmoidLayer<T>(width),
                _ => new TanhLayer<T>(width),
            });

            if (options.DropoutRatio > 0)
            {
                var dropout = new DropoutLayer<T>(width, options.DropoutRatio, dropoutRandom, options.DropoutMode);
                layers.Add(dropout);
                dropouts.Add(dropout);
            }

            fanIn = width;
        }

        int last = options.HiddenSizes.Count + 1;
        var output = new AffineLayer<T>(fanIn, options.OutputSize, options.WeightInit.StdFor(fanIn), $"W{last}", $"b{last}");
        layers.Add(output);
        return ([.. layers], [.. dropouts]);
    }
}
