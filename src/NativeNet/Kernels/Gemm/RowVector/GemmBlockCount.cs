// Stryker disable all : outside the mutation scope; instrumented, this hot code slows every test (docs/testing.md)
namespace NativeNet.Kernels;

/// <summary>
/// A vector count known when the JIT compiles: a method generic over a struct <see cref="IGemmBlockCount"/> is
/// compiled once per count, so the count's branches fold away and the loop body is straight-line code whatever
/// tier or profile data the JIT has. <see cref="GemmRowVector{T}"/> uses it for its register blocks.
/// </summary>
internal interface IGemmBlockCount
{
    /// <summary>The count.</summary>
    static abstract int Value { get; }
}

/// <summary>The block counts 1 to 8.</summary>
internal static class GemmBlockCount
{
    /// <summary>One vector.</summary>
    public struct One : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 1;
    }

    /// <summary>Two vectors.</summary>
    public struct Two : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 2;
    }

    /// <summary>Three vectors.</summary>
    public struct Three : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 3;
    }

    /// <summary>Four vectors.</summary>
    public struct Four : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 4;
    }

    /// <summary>Five vectors.</summary>
    public struct Five : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 5;
    }

    /// <summary>Six vectors.</summary>
    public struct Six : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 6;
    }

    /// <summary>Seven vectors.</summary>
    public struct Seven : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 7;
    }

    /// <summary>Eight vectors.</summary>
    public struct Eight : IGemmBlockCount
    {
        /// <inheritdoc/>
        public static int Value => 8;
    }
}
