using System.Numerics;
using NativeNet.Gradients;
using NativeNet.Layers;
using NativeNet.Tensors;

namespace NativeNet.Networks;

/// <summary>
/// The gradient check of a whole network: backpropagated gradients of every parameter against central
/// differences of <see cref="Network{T}.Loss"/> in training mode (weight decay included). Dropout masks are
/// drawn once and then frozen, so the loss is a fixed function of the parameters. Use <c>double</c> for tight
/// tolerances, and inputs that keep ReLU pre-activations away from 0.
/// </summary>
public static class NetworkGradientCheck
{
    /// <summary>Checks every parameter of <paramref name="network"/> on one batch and returns the report.</summary>
    public static GradientCheckReport Check<T>(Network<T> network, ReadOnlyTensorView<T> x, LabelBatch<T> labels, GradientCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);

        var batch = new CopiedBatch<T>(x, labels);

        bool wasFrozen = network.DropoutMasksFrozen;
        network.Gradient(batch.X, batch.Labels); // draws the dropout masks the check then keeps
        network.DropoutMasksFrozen = true;
        try
        {
            return GradientCheck.CheckParameters(
                () => network.Loss(batch.X, batch.Labels, training: true),
                () => network.Gradient(batch.X, batch.Labels),
                network.Parameters,
                options);
        }
        finally
        {
            network.DropoutMasksFrozen = wasFrozen;
        }
    }
}
