namespace NativeNet.Networks;

/// <summary>The hidden-layer activation of a network.</summary>
public enum Activation
{
    /// <summary><c>max(0, x)</c>.</summary>
    Relu,

    /// <summary><c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid,

    /// <summary><c>tanh(x)</c>.</summary>
    Tanh,
}
