using NativeNet.Layers;

namespace NativeNet.Serialization;

/// <summary>An activation without hyperparameters (ReLU, sigmoid, tanh, softmax, log-softmax): its kind and width.</summary>
internal sealed record ActivationDescription(LayerKind Kind, int InputLength) : LayerDescription(Kind, InputLength)
{
    /// <inheritdoc/>
    public override ILayer<T> Create<T>() => Kind switch
    {
        LayerKind.Relu => new ReluLayer<T>(InputLength),
        LayerKind.Sigmoid => new SigmoidLayer<T>(InputLength),
        LayerKind.Tanh => new TanhLayer<T>(InputLength),
        LayerKind.Softmax => new SoftmaxLayer<T>(InputLength),
        LayerKind.LogSoftmax => new LogSoftmaxLayer<T>(InputLength),
        _ => throw new InvalidOperationException($"{Kind} is not an activation without hyperparameters."),
    };
}
