using System.Numerics;

namespace NativeNet.Networks;

/// <summary>
/// The book's chapter 4 network, <c>input → hidden → output</c> with one activation (sigmoid, as in
/// chapter 4; ReLU for the chapter 5 version), weights <c>0.01·N(0, 1)</c> and zero biases. A
/// <see cref="Network{T}"/> built from <see cref="NetworkOptions.TwoLayer"/>, named for readers of the book.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class TwoLayerNet<T> : Network<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Builds and initialises the network.</summary>
    /// <param name="inputSize">Features per sample (784 for MNIST).</param>
    /// <param name="hiddenSize">Hidden units (50 in the book).</param>
    /// <param name="outputSize">Classes (10).</param>
    /// <param name="weightInitStd">The weights' standard deviation (0.01 in the book).</param>
    /// <param name="activation">The hidden activation: sigmoid in chapter 4, ReLU in chapter 5.</param>
    /// <param name="seed">The seed of the initial weights.</param>
    /// <param name="batchCapacity">The largest batch one forward/backward call takes.</param>
    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd = 0.01, Activation activation = Activation.Sigmoid, ulong seed = 0, int batchCapacity = 100)
        : base(NetworkOptions.TwoLayer(inputSize, hiddenSize, outputSize, weightInitStd, seed) with { Activation = activation }, batchCapacity)
    {
    }
}
