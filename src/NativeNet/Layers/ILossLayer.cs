using System.Numerics;
using NativeNet.Memory;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// The last layer of a network: turns scores <c>(N, C)</c> and labels into a scalar loss, and gives
/// the gradient of that loss with respect to the scores.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ILossLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>C, the number of scores (classes) per sample.</summary>
    int InputLength { get; }

    /// <summary>Declares the layer's workspace buffers (such as the softmax output).</summary>
    void Plan(WorkspacePlan workspace);

    /// <summary>Receives the planned workspace.</summary>
    void Bind(Workspace<T> workspace);

    /// <summary>Computes the loss of scores <paramref name="x"/> <c>(N, C)</c> against <paramref name="labels"/>, caching what backward needs.</summary>
    T Forward(ReadOnlyTensorView<T> x, LabelBatch<T> labels);

    /// <summary>Writes the gradient of the last forward's loss with respect to its scores into <paramref name="dx"/> <c>(N, C)</c>.</summary>
    void Backward(ReadOnlyTensorView<T> x, LabelBatch<T> labels, TensorView<T> dx);
}
