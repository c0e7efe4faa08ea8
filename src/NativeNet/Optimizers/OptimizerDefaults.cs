namespace NativeNet.Optimizers;

/// <summary>
/// The default hyperparameters of the book's <c>common/optimizer.py</c> (ch. 6), in one
/// place so that the optimizers, the factory and the command line agree.
/// </summary>
public static class OptimizerDefaults
{
    /// <summary>The default learning rate of SGD, Momentum, Nesterov, AdaGrad and RMSprop: 0.01.</summary>
    public const double LearningRate = 0.01;

    /// <summary>Adam's default learning rate: 0.001.</summary>
    public const double AdamLearningRate = 0.001;

    /// <summary>The velocity decay <c>m</c> of Momentum and Nesterov: 0.9.</summary>
    public const double Momentum = 0.9;

    /// <summary>RMSprop's decay <c>d</c> of the squared-gradient average: 0.99.</summary>
    public const double DecayRate = 0.99;

    /// <summary>Adam's first-moment decay <c>β1</c>: 0.9.</summary>
    public const double Beta1 = 0.9;

    /// <summary>Adam's second-moment decay <c>β2</c>: 0.999.</summary>
    public const double Beta2 = 0.999;

    /// <summary>
    /// The <c>1e-7</c> added to the root of the accumulated squared gradients in AdaGrad, RMSprop and Adam,
    /// <c>g / (sqrt(h) + 1e-7)</c>, so that a parameter whose gradient has always been zero is not divided by zero.
    /// </summary>
    public const double Epsilon = 1e-7;
}
