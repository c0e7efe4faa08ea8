using System.Numerics;

namespace NativeNet.Layers;

/// <summary>
/// Turns a network's layer list into the list its runner walks: each <see cref="AffineLayer{T}"/> directly followed by
/// a <see cref="ReluLayer{T}"/> becomes one <see cref="AffineReluLayer{T}"/> (one GEMM with the bias and ReLU in its
/// store, which saves a pass over the activations: most at large batches). Every other layer is kept as it is. The
/// fusion is chosen here, once, so the runner has no per-layer-type branch.
/// </summary>
internal static class LayerFusion
{
    /// <summary>The layers to run, in order.</summary>
    public static ILayer<T>[] Fuse<T>(IReadOnlyList<ILayer<T>> layers)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var run = new List<ILayer<T>>(layers.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is AffineLayer<T> affine && i + 1 < layers.Count && layers[i + 1] is ReluLayer<T> relu)
            {
                run.Add(new AffineReluLayer<T>(affine, relu));
                i++;
            }
            else
            {
                run.Add(layers[i]);
            }
        }

        return [.. run];
    }
}
