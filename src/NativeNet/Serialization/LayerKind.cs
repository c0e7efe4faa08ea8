namespace NativeNet.Serialization;

/// <summary>The code of each layer kind in a version-2 model file; codes are never reused.</summary>
internal enum LayerKind : byte
{
    /// <summary><see cref="Layers.AffineLayer{T}"/>.</summary>
    Affine = 1,

    /// <summary><see cref="Layers.ReluLayer{T}"/>.</summary>
    Relu = 2,

    /// <summary><see cref="Layers.LeakyReluLayer{T}"/>.</summary>
    LeakyRelu = 3,

    /// <summary><see cref="Layers.SigmoidLayer{T}"/>.</summary>
    Sigmoid = 4,

    /// <summary><see cref="Layers.TanhLayer{T}"/>.</summary>
    Tanh = 5,

    /// <summary><see cref="Layers.SoftmaxLayer{T}"/>.</summary>
    Softmax = 6,

    /// <summary><see cref="Layers.LogSoftmaxLayer{T}"/>.</summary>
    LogSoftmax = 7,

    /// <summary><see cref="Layers.BatchNormalizationLayer{T}"/>.</summary>
    BatchNormalization = 8,

    /// <summary><see cref="Layers.DropoutLayer{T}"/>.</summary>
    Dropout = 9,
}
