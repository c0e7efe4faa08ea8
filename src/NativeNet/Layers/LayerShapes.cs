using NativeNet.Tensors;

namespace NativeNet.Layers;

/// <summary>Shape checks shared by the layers, with messages that name the layer and the tensor.</summary>
internal static class LayerShapes
{
    /// <summary>Checks a forward call: x is (N, D), y is (N, M).</summary>
    public static void CheckForward(string layer, int inputLength, int outputLength, Shape x, Shape y)
    {
        if (x.Rank == 0 || x.RowLength != inputLength)
        {
            throw new ShapeMismatchException($"{layer}: input x must have {inputLength} features per sample, got shape {x}.");
        }

        if (y.Rows != x.Rows || y.RowLength != outputLength)
        {
            throw new ShapeMismatchException($"{layer}: output y must be ({x.Rows}, {outputLength}), got shape {y}.");
        }
    }

    /// <summary>Checks a backward call against the forward shapes; dx may be empty.</summary>
    public static void CheckBackward(string layer, int inputLength, int outputLength, Shape x, Shape y, Shape dy, Shape dx, bool dxEmpty)
    {
        CheckForward(layer, inputLength, outputLength, x, y);
        if (dy.Rows != y.Rows || dy.RowLength != outputLength)
        {
            throw new ShapeMismatchException($"{layer}: dy must be ({y.Rows}, {outputLength}) like y, got shape {dy}.");
        }

        if (!dxEmpty && (dx.Rows != x.Rows || dx.RowLength != inputLength))
        {
            throw new ShapeMismatchException($"{layer}: dx must be ({x.Rows}, {inputLength}) like x, got shape {dx}.");
        }
    }
}
