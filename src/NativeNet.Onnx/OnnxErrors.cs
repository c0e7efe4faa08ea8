namespace NativeNet.Onnx;

/// <summary>The exceptions of the importer: every problem is an <see cref="InvalidFileFormatException"/> that names it.</summary>
internal static class OnnxErrors
{
    /// <summary>The operators the importer turns into layers or folds at import time, for messages and docs.</summary>
    public const string SupportedOperators =
        "Gemm, MatMul, Add (a bias after MatMul or Gemm), Relu, LeakyRelu, Sigmoid, Tanh, Softmax and LogSoftmax (last axis), " +
        "BatchNormalization (inference), Dropout, Identity, Flatten, Reshape, and the constant-folded Shape, Gather, Unsqueeze, Concat, Constant, Cast";

    public static InvalidFileFormatException Invalid(string message) => new(message);

    /// <summary>A node the importer cannot run: names it, its op type, the reason and the supported list.</summary>
    public static InvalidFileFormatException Unsupported(string node, string reason) =>
        new($"Unsupported ONNX model: {node}: {reason}. Supported operators: {SupportedOperators}.");
}
