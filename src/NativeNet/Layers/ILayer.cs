using System.Numerics;
using NativeNet.Memory;
using NativeNet.Randomness;
using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>
/// A layer of a fully connected network, working on mini-batches of shape <c>(N, InputLength)</c>.
/// Life cycle: <see cref="Plan"/> declares parameters and workspace buffers, <see cref="Bind"/> receives
/// the allocated memory, <see cref="Initialize"/> draws initial parameters, then
/// <see cref="Forward"/> and <see cref="Backward"/> run any number of times without allocating.
/// The caller owns the activations: backward receives the forward input and output again, so a layer
/// only caches what it cannot recompute cheaply (a dropout mask, batch-norm statistics).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name for reports, such as <c>Affine1</c>.</summary>
    string Name { get; }

    /// <summary>Features per input sample (D).</summary>
    int InputLength { get; }

    /// <summary>Features per output sample (M).</summary>
    int OutputLength { get; }

    /// <summary>The number of trainable scalars the layer declares (for the planner and reports).</summary>
    int ParameterLength { get; }

    /// <summary>The number of non-trained state scalars (running statistics) the layer declares.</summary>
    int StateLength { get; }

    /// <summary>Declares the layer's parameters, state and workspace buffers.</summary>
    void Plan(ParameterLayout parameters, WorkspacePlan workspace);

    /// <summary>Receives the memory planned by <see cref="Plan"/>.</summary>
    void Bind(ParameterStore<T> parameters, Workspace<T> workspace);

    /// <summary>Sets the initial parameter values (weights from <paramref name="random"/>; biases, gamma, beta to their defaults) and clears state.</summary>
    void Initialize(SeededRandom random);

    /// <summary>Computes <paramref name="y"/> <c>(N, M)</c> from <paramref name="x"/> <c>(N, D)</c>.</summary>
    /// <param name="x">The input batch.</param>
    /// <param name="y">The output batch; must not overlap <paramref name="x"/>.</param>
    /// <param name="training">True in training: dropout draws a mask, batch norm uses batch statistics.</param>
    void Forward(ReadOnlyTensorView<T> x, TensorView<T> y, bool training);

    /// <summary>
    /// Computes <paramref name="dx"/> from <paramref name="dy"/> and ADDS the parameter gradients into the
    /// gradient store. Never writes into <paramref name="dy"/>.
    /// </summary>
    /// <param name="x">The input of the matching <see cref="Forward"/> call.</param>
    /// <param name="y">The output of the matching <see cref="Forward"/> call.</param>
    /// <param name="dy">The gradient of the loss with respect to <paramref name="y"/>.</param>
    /// <param name="dx">Receives the gradient with respect to <paramref name="x"/>; an empty view skips it (first layer).</param>
    void Backward(ReadOnlyTensorView<T> x, ReadOnlyTensorView<T> y, ReadOnlyTensorView<T> dy, TensorView<T> dx);
}
