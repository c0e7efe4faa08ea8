using System.Numerics;

namespace NativeNet.Networks;

/// <summary>
/// The book's chapter 6 MultiLayerNet / MultiLayerNetExtend: hidden sizes, ReLU or sigmoid, std/Xavier/He
/// initialisation, L2 weight decay, dropout and batch normalisation, all set through <see cref="NetworkOptions"/>.
/// A <see cref="Network{T}"/>, named for readers of the book.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class MultiLayerNet<T> : Network<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Builds and initialises the network.</summary>
    /// <param name="options">The architecture and regularisation.</param>
    /// <param name="batchCapacity">The largest batch one forward/backward call takes.</param>
    public MultiLayerNet(NetworkOptions options, int batchCapacity = 100)
        : base(options, batchCapacity)
    {
    }
}
